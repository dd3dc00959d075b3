package serve

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// event is one server-sent event.
type event struct {
	name string
	data []byte
}

// hub fans events out to the open event streams.
type hub struct {
	mu   sync.Mutex
	subs map[chan event]struct{}
}

// subscribe registers a stream. The channel is closed when the stream
// falls behind; the browser then reconnects and catches up from "hello".
func (h *hub) subscribe() (chan event, func()) {
	ch := make(chan event, 16)
	h.mu.Lock()
	if h.subs == nil {
		h.subs = map[chan event]struct{}{}
	}
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		if _, ok := h.subs[ch]; ok {
			delete(h.subs, ch)
			close(ch)
		}
		h.mu.Unlock()
	}
}

func (h *hub) publish(name string, d eventData) {
	e := event{name: name, data: d.encode()}
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- e:
		default:
			delete(h.subs, ch)
			close(ch)
		}
	}
}

// keepAlive is how often an idle stream gets a comment line.
const keepAlive = 20 * time.Second

// serveEvents streams build events. The first event, "hello", carries the
// current build number and errors so a page can tell whether it is stale
// and show errors of a build that failed before it connected.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	ch, unsub := s.hub.subscribe()
	defer unsub()
	gen, errs := s.state()
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 1000\n\n")
	if writeEvent(w, event{name: "hello", data: eventData{Build: gen, Errors: errs}.encode()}) != nil || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case e, ok := <-ch:
			if !ok {
				return
			}
			if writeEvent(w, e) != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// writeEvent writes one event; data is JSON and so holds no newlines.
func writeEvent(w http.ResponseWriter, e event) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
	return err
}
