package kpi_test

import (
	"os"
	"testing"

	"github.com/almanac-handbook/almanac/generator/sitetest"
)

func TestZZDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	res := sitetest.Build(t, handbook, kinds()...)
	os.RemoveAll("/tmp/kpisite")
	os.CopyFS("/tmp/kpisite", os.DirFS(res.Out))
}

func TestZZRepo(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	os.RemoveAll("/tmp/kpirepo")
	res := sitetest.BuildDir(t, "/tmp/kpihb", "/tmp/kpirepo", kinds()...)
	for _, d := range res.Diags() {
		t.Log(d)
	}
	if res.Err != nil {
		t.Log(res.Err)
	}
}
