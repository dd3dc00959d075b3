package render

import (
	"html/template"
	"path"
	"strconv"
	"strings"
	"sync"
)

// navCache shares the navigation's HTML between the pages of one folder.
// A page's navigation shows every top-level item, the children of the
// active ones and the grandchildren of their active children; with
// hundreds of sections, building it for every page cost time that grew
// with the square of the site. Two pages in one folder whose active items
// are the same, and under neither of which any item shown lies, get the
// same HTML: the same items, marked the same way, with the same relative
// links.
type navCache struct {
	mu   sync.Mutex
	html map[string]template.HTML
}

// get returns the HTML for key, building it once.
func (c *navCache) get(key string, build func() template.HTML) template.HTML {
	c.mu.Lock()
	h, ok := c.html[key]
	c.mu.Unlock()
	if ok {
		return h
	}
	h = build()
	c.mu.Lock()
	if c.html == nil {
		c.html = map[string]template.HTML{}
	}
	c.html[key] = h
	c.mu.Unlock()
	return h
}

// navKey names the navigation v's page shows: its folder and its active
// items. ok is false when an item shown is the page or lies under it,
// whose link and marking depend on the page itself.
func (v *View) navKey() (key string, ok bool) {
	page := v.Page.Path
	if page == "" || !strings.HasSuffix(page, "/") {
		return "", false
	}
	var b strings.Builder
	b.WriteString(path.Dir(strings.TrimSuffix(page, "/")))
	under := func(p string) bool { return strings.HasPrefix(p, page) }
	for i, top := range v.Nav {
		if under(top.Path) {
			return "", false
		}
		if !v.Active(top.Path) {
			continue
		}
		b.WriteString(" " + strconv.Itoa(i))
		for j, child := range top.Children {
			if under(child.Path) {
				return "", false
			}
			if !v.Active(child.Path) {
				continue
			}
			b.WriteString("." + strconv.Itoa(j))
			for _, grandchild := range child.Children {
				if under(grandchild.Path) {
					return "", false
				}
			}
		}
	}
	return b.String(), true
}
