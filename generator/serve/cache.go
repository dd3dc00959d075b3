package serve

import "sync"

// memCache keeps highlighted code in memory between the server's builds
// (markdown.Cache). Entries not used by a good build are dropped at the
// end of the next good one, so memory follows the handbook, not the
// session; a failed build drops nothing.
type memCache struct {
	mu        sync.Mutex
	cur, prev map[string][]byte
}

func newMemCache() *memCache {
	return &memCache{cur: map[string][]byte{}, prev: map[string][]byte{}}
}

func (c *memCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[key]; ok {
		return v, true
	}
	if v, ok := c.prev[key]; ok {
		c.cur[key] = v
		return v, true
	}
	return nil, false
}

func (c *memCache) Put(key string, value []byte) {
	c.mu.Lock()
	c.cur[key] = value
	c.mu.Unlock()
}

// rotate is called after each good build.
func (c *memCache) rotate() {
	c.mu.Lock()
	c.prev, c.cur = c.cur, map[string][]byte{}
	c.mu.Unlock()
}
