package chart

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pinnedSHA256 is the sha256 of dist/echarts.min.js in the npm package
// echarts@EchartsVersion. Changing the vendored echarts means changing
// this, VERSION and SHA256SUMS together (fetch-echarts.sh --pin does the
// latter two).
const pinnedSHA256 = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1"

var vendorDir = filepath.Join("..", "..", "templates", "static", "vendor", "echarts")

func fileSHA256(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vendorDir, name))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func TestVendoredEchartsChecksum(t *testing.T) {
	if got := fileSHA256(t, "echarts.min.js"); got != pinnedSHA256 {
		t.Errorf("vendored echarts.min.js has sha256 %s, want the pinned %s (echarts %s)", got, pinnedSHA256, EchartsVersion)
	}
}

func TestVendoredEchartsVersion(t *testing.T) {
	v, err := os.ReadFile(filepath.Join(vendorDir, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(v)); got != EchartsVersion {
		t.Errorf("VERSION is %q, EchartsVersion is %q", got, EchartsVersion)
	}
	js, err := os.ReadFile(filepath.Join(vendorDir, "echarts.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(js, []byte(`version="`+EchartsVersion+`"`)) {
		t.Errorf("echarts.min.js does not declare version %s", EchartsVersion)
	}
	// The full build, not echarts.common: the graph series must be there.
	if !bytes.Contains(js, []byte(`type="series.graph"`)) {
		t.Error("echarts.min.js lacks the graph series; vendor the full dist/echarts.min.js")
	}
}

// TestVendoredSHA256SUMS checks every entry of SHA256SUMS, which the fetch
// script verifies downloads against, and that it pins the same echarts.
func TestVendoredSHA256SUMS(t *testing.T) {
	f, err := os.Open(filepath.Join(vendorDir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]bool{"echarts.min.js": true, "LICENSE": true, "NOTICE": true, "LICENSE-d3": true}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("bad SHA256SUMS line %q", sc.Text())
		}
		if got := fileSHA256(t, name); got != sum {
			t.Errorf("%s: sha256 %s, SHA256SUMS says %s", name, got, sum)
		}
		if name == "echarts.min.js" && sum != pinnedSHA256 {
			t.Errorf("SHA256SUMS pins echarts.min.js at %s, the test at %s", sum, pinnedSHA256)
		}
		delete(want, name)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for name := range want {
		t.Errorf("SHA256SUMS has no entry for %s", name)
	}
}
