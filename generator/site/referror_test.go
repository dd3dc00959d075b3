package site

import (
	"context"
	"testing"
	"time"
)

type catalogLike struct{ name string }

func (k catalogLike) Name() string                    { return k.name }
func (catalogLike) Load(context.Context, *Site) error { return nil }
func (catalogLike) RefKinds() []string                { return []string{"service", "team"} }
func refKinds(names ...string) []Kind {
	var out []Kind
	for _, n := range names {
		if n == "catalog" {
			out = append(out, catalogLike{n})
		} else {
			out = append(out, plainKind{n})
		}
	}
	return out
}

type plainKind struct{ name string }

func (k plainKind) Name() string                    { return k.name }
func (plainKind) Load(context.Context, *Site) error { return nil }

func TestRefError(t *testing.T) {
	tests := []struct{ kind, id, want string }{
		{"adr", "7", `[[adr:7]] names no known adr (did you mean "1"?)`},
		{"service", "api", `[[service:api]] names no known service: no service is defined yet`},
		{"catalog", "api", `unknown reference kind "catalog" in [[catalog:api]]; known kinds: adr, service, team`},
		{"adrs", "1", `unknown reference kind "adrs" in [[adrs:1]] (did you mean "adr"?); known kinds: adr, service, team`},
	}
	s := New(&Source{}, DefaultConfig(), &Diagnostics{}, nil, time.Time{})
	s.Kinds = refKinds("adr", "catalog")
	s.AddEntity(&Entity{Kind: "adr", ID: "1", Path: "adr/0001/"})
	for _, tt := range tests {
		if got := s.RefError(tt.kind, tt.id); got != tt.want {
			t.Errorf("RefError(%s, %s) = %q, want %q", tt.kind, tt.id, got, tt.want)
		}
	}
}
