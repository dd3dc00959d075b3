package cache

import (
	"sync"
	"testing"
)

func TestDir(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Get("abcdef"); ok {
		t.Fatal("empty cache returned a value")
	}
	d.Put("abcdef", []byte("<pre>x</pre>"))
	// A second Dir on the same folder (the next build) sees the entry.
	d2, _ := Open(root)
	if v, ok := d2.Get("abcdef"); !ok || string(v) != "<pre>x</pre>" {
		t.Fatalf("Get after reopen = %q, %v", v, ok)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.Put("k"+string(rune('a'+i))+"zz", []byte{byte(i)})
			d.Get("abcdef")
		}()
	}
	wg.Wait()
}
