package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/almanac-handbook/almanac/generator/load"
	"github.com/almanac-handbook/almanac/generator/site"
)

// watchedDirs are the handbook folders whose changes trigger a rebuild,
// with site.ConfigFile at the root.
var watchedDirs = []string{load.ContentDir, load.DataDir, load.CatalogDir, load.StaticDir, "templates"}

// relevant reports whether a change to rel (a slash path relative to the
// handbook root) can change the site.
func (s *Server) relevant(rel string) bool {
	if rel == "" || rel == "." || strings.HasPrefix(rel, "../") {
		return false
	}
	top, rest, nested := strings.Cut(rel, "/")
	if !nested {
		return top == site.ConfigFile || isWatchedDir(top)
	}
	if !isWatchedDir(top) {
		return false
	}
	for _, seg := range strings.Split(rest, "/") {
		if editorTemp(seg) {
			return false
		}
	}
	return !s.inOut(filepath.Join(s.source, filepath.FromSlash(rel)))
}

func isWatchedDir(name string) bool {
	for _, d := range watchedDirs {
		if name == d {
			return true
		}
	}
	return false
}

// inOut reports whether abs is the output folder or inside it.
func (s *Server) inOut(abs string) bool {
	return abs == s.out || strings.HasPrefix(abs, s.out+string(filepath.Separator))
}

// editorTemp reports whether a file or folder name is hidden (.almanac/,
// vim's .x.swp, emacs' .#x, the build's own .out.almanac-tmp-*) or an
// editor's temporary or backup file, which the build skips or which is
// renamed over the real file a moment later.
func editorTemp(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"), // vim and emacs backups
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains safe write
		strings.HasSuffix(name, ".crswap"),                           // Chromium's File System Access
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs auto-save
		return true
	}
	// vim checks that it may create files in a folder by creating and
	// deleting "4913" (or 4913+123k when taken).
	if n, err := strconv.Atoi(name); err == nil && n >= 4913 && (n-4913)%123 == 0 {
		return true
	}
	return false
}

func (s *Server) rel(abs string) string {
	r, err := filepath.Rel(s.source, abs)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

// watchEvents watches with fsnotify: the handbook root (for the config and
// for watched folders created later) and every folder below the watched
// ones, adding folders as they appear. It reports readiness (or why it
// cannot watch) on ready, then sends changed paths until ctx ends.
func (s *Server) watchEvents(ctx context.Context, changes chan<- string, ready chan<- error) error {
	w, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		ready <- err
		return err
	}
	defer w.Close()
	if err := w.Add(s.source); err != nil {
		ready <- err
		return err
	}
	dirs := map[string]bool{} // folders watched, by absolute path
	for _, d := range watchedDirs {
		s.addTree(w, dirs, filepath.Join(s.source, d), nil)
	}
	ready <- nil

	send := func(rel string) bool {
		select {
		case changes <- rel:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			s.log.Warn("file watcher", "err", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: rebuild everything.
				if !send(site.ConfigFile) {
					return nil
				}
			}
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel := s.rel(ev.Name)
			if !s.relevant(rel) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				// A watched folder moved away or deleted: drop its watches
				// and those below it, so that if it was moved, the Create
				// of its new name watches it again under the right paths.
				if dirs[ev.Name] {
					for d := range dirs {
						if d == ev.Name || strings.HasPrefix(d, ev.Name+string(filepath.Separator)) {
							_ = w.Remove(d)
							delete(dirs, d)
						}
					}
				}
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					// A new folder (made, moved or copied in): watch it, and
					// report what is already in it, since files written
					// before the watch was added sent no events.
					s.addTree(w, dirs, ev.Name, func(rel string) { send(rel) })
				}
			}
			if !send(rel) {
				return nil
			}
		}
	}
}

// addTree watches dir and the folders below it that matter. found, when
// set, gets every file already there.
func (s *Server) addTree(w *fsnotify.Watcher, dirs map[string]bool, dir string, found func(rel string)) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone or unreadable: the build reports it
		}
		rel := s.rel(p)
		if !s.relevant(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.Add(p); err == nil {
				dirs[p] = true
			} else if !errors.Is(err, fs.ErrNotExist) {
				s.log.Warn("cannot watch folder; changes in it need a restart (or --poll)", "folder", p, "err", err)
			}
		} else if found != nil {
			found(rel)
		}
		return nil
	})
}

// fileState is what polling compares.
type fileState struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

// watchPoll compares the watched files' sizes, times and modes every
// PollInterval, for file systems that send no events.
func (s *Server) watchPoll(ctx context.Context, changes chan<- string, ready chan<- error) error {
	prev := s.scan()
	ready <- nil
	t := time.NewTicker(s.opts.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		cur := s.scan()
		for rel, st := range cur {
			if old, ok := prev[rel]; !ok || old != st {
				select {
				case changes <- rel:
				case <-ctx.Done():
					return nil
				}
			}
		}
		for rel := range prev {
			if _, ok := cur[rel]; !ok {
				select {
				case changes <- rel:
				case <-ctx.Done():
					return nil
				}
			}
		}
		prev = cur
	}
}

// scan records the state of the config and of everything in the watched folders.
func (s *Server) scan() map[string]fileState {
	m := map[string]fileState{}
	if st, err := os.Stat(filepath.Join(s.source, site.ConfigFile)); err == nil {
		m[site.ConfigFile] = fileState{st.Size(), st.ModTime(), st.Mode()}
	}
	for _, d := range watchedDirs {
		_ = filepath.WalkDir(filepath.Join(s.source, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel := s.rel(p)
			if !s.relevant(rel) {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if st, err := e.Info(); err == nil {
				if st.IsDir() {
					m[rel] = fileState{mode: st.Mode()} // a folder's time changes with its entries, which are compared anyway
				} else {
					m[rel] = fileState{st.Size(), st.ModTime(), st.Mode()}
				}
			}
			return nil
		})
	}
	return m
}
