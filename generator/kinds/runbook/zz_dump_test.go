package runbook_test

import (
	"os"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/runbook"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

func TestZZSample(t *testing.T) {
	dir := os.Getenv("HB_DIR")
	if dir == "" {
		t.Skip()
	}
	res := sitetest.BuildDir(t, dir, dir+"/public", catalog.New(), adr.New(), runbook.New(), page.New())
	for _, d := range res.Diags() {
		t.Log(d)
	}
	for _, b := range sitetest.BrokenLinks(t, dir+"/public") {
		t.Log("broken: ", b)
	}
}
