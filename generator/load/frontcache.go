package load

import (
	"crypto/sha256"
	"encoding/hex"
)

// Cache stores parsed front matter by content hash, so a rebuild decodes
// an unchanged page's front matter instead of parsing its YAML again. It
// has the method set of markdown.Cache, which *cache.Dir implements.
// Implementations must be safe for concurrent use.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, value []byte)
}

// frontCacheVersion changes whenever the tree cached for the same front
// matter would change: the node encoding, the line shift, or the yaml.v3
// release that parses it (which a test checks against the build), so a
// cache never serves a tree a fresh parse would not give.
const frontCacheVersion = "front1 gopkg.in/yaml.v3@v3.0.1"

// frontLineShift is added to the lines yaml.v3 reports for front matter,
// which starts on the line after the opening ---. It is the same for every
// file, so equal front matter bytes give equal trees.
const frontLineShift = 1

// frontCacheKey is the cache key of the front matter src, the exact bytes
// given to the YAML parser.
func frontCacheKey(src []byte) string {
	h := sha256.New()
	h.Write([]byte("frontmatter\x00" + frontCacheVersion + "\x00"))
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))
}
