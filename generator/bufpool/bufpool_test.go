package bufpool

import "testing"

func TestGetIsEmpty(t *testing.T) {
	tests := []struct {
		name  string
		write int
	}{
		{"small", 10},
		{"page sized", 64 << 10},
		{"over the kept size", maxKept + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Get()
			b.Write(make([]byte, tt.write))
			Put(b)
			if got := Get(); got.Len() != 0 {
				t.Errorf("Get after Put returned a buffer holding %d bytes", got.Len())
			}
		})
	}
}

func TestPutDropsHugeBuffers(t *testing.T) {
	b := Get()
	b.Grow(maxKept + 1)
	Put(b)
	// A dropped buffer is not reset: if the pool kept it, its bytes would
	// show up in the next Get, which TestGetIsEmpty rules out; here check
	// Put left the dropped buffer's content alone instead of resetting it.
	b.WriteString("x")
	Put(b)
	if b.Len() != 1 {
		t.Errorf("Put reset a buffer of %d bytes that it does not keep", b.Cap())
	}
}
