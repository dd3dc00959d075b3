package scorecard_test

import (
	"os"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/kpi"
	"github.com/almanac-handbook/almanac/generator/kinds/hiring"
	"github.com/almanac-handbook/almanac/generator/kinds/ladder"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/kinds/scorecard"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

func TestZZSample(t *testing.T) {
	res := sitetest.BuildDir(t, "/tmp/samplesrc", "/tmp/sampleout", catalog.New(), adr.New(), runbook.New(), kpi.New(), scorecard.New(), ladder.New(), hiring.New(), page.New())
	for _, d := range res.Diags() {
		if strings.Contains(d, "catalog") || strings.Contains(d, "scorecard") || strings.Contains(d, "error") {
			t.Log(d)
		}
	}
	t.Log(res.Err)
	_ = os.Stdout
}
