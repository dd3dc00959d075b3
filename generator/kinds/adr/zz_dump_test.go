package adr_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/almanac-handbook/almanac/generator/kinds/adr"
	"github.com/almanac-handbook/almanac/generator/kinds/page"
	"github.com/almanac-handbook/almanac/generator/kinds/catalog"
	"github.com/almanac-handbook/almanac/generator/sitetest"
)

func TestZZDump(t *testing.T) {
	out := os.Getenv("ADR_DUMP")
	if out == "" {
		t.Skip()
	}
	for _, n := range []string{"adr-tools", "madr", "log4brains"} {
		dir := copyFolder(t, n)
		res := sitetest.BuildDir(t, dir, filepath.Join(dir, "public"), adr.New(), page.New())
		for _, d := range res.Diags() {
			t.Log(d)
		}
		os.RemoveAll(filepath.Join(out, n))
		exec.Command("cp", "-r", filepath.Join(dir, "public"), filepath.Join(out, n)).Run()
	}
}

func TestZZSample(t *testing.T) {
	out := os.Getenv("ADR_DUMP")
	if out == "" {
		t.Skip()
	}
	res := sitetest.BuildDir(t, "../../..", filepath.Join(out, "sample"), catalog.New(), adr.New(), page.New())
	for _, d := range res.Diags() {
		t.Log(d)
	}
}
