package history

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func run(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestRead(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; history is then empty by design")
	}
	repo := t.TempDir()
	hb := filepath.Join(repo, "handbook")
	if err := os.MkdirAll(filepath.Join(hb, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(hb, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(who, when string) {
		env := []string{"GIT_AUTHOR_NAME=" + who, "GIT_AUTHOR_EMAIL=a@example.org", "GIT_AUTHOR_DATE=" + when,
			"GIT_COMMITTER_NAME=" + who, "GIT_COMMITTER_EMAIL=a@example.org", "GIT_COMMITTER_DATE=" + when}
		run(t, repo, env, "add", "-A")
		run(t, repo, env, "commit", "-q", "-m", "change")
	}
	run(t, repo, nil, "init", "-q")
	write("content/a.md", "one")
	write("content/b c.md", "two")
	commit("Ada", "2026-01-02T10:00:00Z")
	write("content/a.md", "changed")
	commit("Grace", "2026-03-04T11:00:00Z")

	got := Read(context.Background(), hb)
	want := map[string]Change{
		"content/a.md":   {When: time.Date(2026, 3, 4, 11, 0, 0, 0, time.UTC), Author: "Grace"},
		"content/b c.md": {When: time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC), Author: "Ada"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d files: %v", len(got), got)
	}
	for p, w := range want {
		g := got[p]
		if !g.When.Equal(w.When) || g.Author != w.Author {
			t.Errorf("%s: got %v by %q, want %v by %q", p, g.When, g.Author, w.When, w.Author)
		}
	}
}

func TestReadWithoutRepo(t *testing.T) {
	if got := Read(context.Background(), t.TempDir()); len(got) != 0 {
		t.Errorf("outside a repository: got %v, want nothing", got)
	}
}

func TestReadShallowClone(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	src := t.TempDir()
	run(t, src, nil, "init", "-q")
	if err := os.WriteFile(filepath.Join(src, "f.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=A", "GIT_COMMITTER_EMAIL=a@example.org"}
	run(t, src, env, "add", "-A")
	run(t, src, env, "commit", "-q", "-m", "one")
	run(t, src, env, "commit", "-q", "--allow-empty", "-m", "two")
	dst := filepath.Join(t.TempDir(), "clone")
	run(t, filepath.Dir(dst), nil, "clone", "-q", "--depth", "1", "file://"+src, dst)
	if got := Read(context.Background(), dst); len(got) != 0 {
		t.Errorf("shallow clone: got %v, want nothing", got)
	}

	// Head names what Read returns: in a full repository the commit, in
	// any shallow clone nothing that changes with the commit, as CI jobs
	// clone each new commit shallowly and Read finds no dates there.
	before := Head(context.Background(), src)
	run(t, src, env, "commit", "-q", "--allow-empty", "-m", "three")
	if after := Head(context.Background(), src); after == before || after == "" {
		t.Errorf("full repository: Head was %q, is %q after a commit; want another non-empty value", before, after)
	}
	dst2 := filepath.Join(t.TempDir(), "clone")
	run(t, filepath.Dir(dst2), nil, "clone", "-q", "--depth", "1", "file://"+src, dst2)
	if a, b := Head(context.Background(), dst), Head(context.Background(), dst2); a != b || a == "" {
		t.Errorf("shallow clones of two commits: Head %q and %q, want the same non-empty value", a, b)
	}
}

func TestPrefix(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; the prefix is then empty by design")
	}
	repo := t.TempDir()
	run(t, repo, nil, "init", "-q")
	for _, tt := range []struct{ dir, want string }{
		{".", ""},
		{"docs", "docs/"},
		{"docs/handbook", "docs/handbook/"},
	} {
		dir := filepath.Join(repo, filepath.FromSlash(tt.dir))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if got := Prefix(context.Background(), dir); got != tt.want {
			t.Errorf("Prefix(%s) = %q, want %q", tt.dir, got, tt.want)
		}
	}
	if got := Prefix(context.Background(), t.TempDir()); got != "" {
		t.Errorf("outside a repository: Prefix = %q, want \"\"", got)
	}
}
