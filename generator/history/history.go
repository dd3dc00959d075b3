// Package history reads when each file of a handbook last changed, and who
// changed it, from git: one `git log` for the whole repository, never one
// process per file.
package history

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"strings"
	"time"
)

// Change is the last commit that touched a file.
type Change struct {
	When   time.Time
	Author string
}

// Read returns the last change of every file under root that git tracks,
// keyed by slash path relative to root. Without git, outside a repository,
// or in a shallow clone (where dates would be wrong: every file would seem
// changed by the one commit there is), it returns an empty map: a page
// then says nothing rather than something wrong.
func Read(ctx context.Context, root string) map[string]Change {
	out := map[string]Change{}
	if _, err := exec.LookPath("git"); err != nil {
		return out
	}
	shallow, err := git(ctx, root, "rev-parse", "--is-shallow-repository")
	if err != nil || strings.TrimSpace(string(shallow)) != "false" {
		return out
	}
	// --relative limits the log to root and prints paths relative to it.
	log, err := git(ctx, root, "log", "--relative", "--no-renames", "--name-only", "-z",
		"--format=%x01%aI%x02%an", "--", ".")
	if err != nil {
		return out
	}
	var cur Change
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	sc.Split(splitNUL)
	for sc.Scan() {
		tok := sc.Text()
		for strings.HasPrefix(tok, "\n") {
			tok = tok[1:]
		}
		if i := strings.IndexByte(tok, '\x01'); i >= 0 {
			// A commit header, possibly followed by its first file name.
			rest := tok[i+1:]
			header, file, _ := strings.Cut(rest, "\n")
			date, author, _ := strings.Cut(header, "\x02")
			t, err := time.Parse(time.RFC3339, date)
			if err != nil {
				cur = Change{}
				continue
			}
			cur = Change{When: t, Author: author}
			tok = strings.TrimLeft(file, "\n")
		}
		if tok == "" || cur.When.IsZero() {
			continue
		}
		if _, seen := out[tok]; !seen { // newest first: keep the first seen
			out[tok] = cur
		}
	}
	return out
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(cmd.Environ(), "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	return cmd.Output()
}

func splitNUL(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// Prefix returns the path of root inside its git repository ("docs/"
// for a handbook in the docs folder, "" at the top or without git), which
// links into the repository's web view need.
func Prefix(ctx context.Context, root string) string {
	if _, err := exec.LookPath("git"); err != nil {
		return ""
	}
	out, err := git(ctx, root, "rev-parse", "--show-prefix")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// Head identifies the history Read would return for root: the commit
// checked out, "shallow" in a shallow clone (where Read returns nothing,
// whatever the commit), or "" without git or outside a repository. Two
// builds with the same Head read the same dates.
func Head(ctx context.Context, root string) string {
	if _, err := exec.LookPath("git"); err != nil {
		return ""
	}
	out, err := git(ctx, root, "rev-parse", "HEAD", "--is-shallow-repository")
	if err != nil {
		return ""
	}
	fields := strings.Fields(string(out))
	if len(fields) == 2 && fields[1] == "true" {
		return "shallow"
	}
	return strings.Join(fields, " ")
}
