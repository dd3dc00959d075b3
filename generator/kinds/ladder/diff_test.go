package ladder

import (
	"reflect"
	"testing"
	"time"
)

var sitetestNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func TestSteps(t *testing.T) {
	levels := []string{"E1", "E2", "E3", "E4"}
	type row struct {
		text, from string
		stated     bool
		status     Status
		prevText   string
	}
	tests := []struct {
		name string
		spec map[string]string
		want []row
	}{
		{
			name: "every level stated",
			spec: map[string]string{"E1": "a", "E2": "b", "E3": "c", "E4": "d"},
			want: []row{{"a", "E1", true, StatusNew, ""}, {"b", "E2", true, StatusChanged, "a"}, {"c", "E3", true, StatusChanged, "b"}, {"d", "E4", true, StatusChanged, "c"}},
		},
		{
			name: "left out means as the level below",
			spec: map[string]string{"E1": "a", "E3": "c"},
			want: []row{{"a", "E1", true, StatusNew, ""}, {"a", "E1", false, StatusSame, "a"}, {"c", "E3", true, StatusChanged, "a"}, {"c", "E3", false, StatusSame, "c"}},
		},
		{
			name: "nothing expected until a higher level",
			spec: map[string]string{"E3": "c"},
			want: []row{{"", "", false, StatusNone, ""}, {"", "", false, StatusNone, ""}, {"c", "E3", true, StatusNew, ""}, {"c", "E3", false, StatusSame, "c"}},
		},
		{
			name: "the same text again is no change and keeps its source",
			spec: map[string]string{"E1": "Ships  small\nthings.", "E2": "Ships small things.", "E3": "x"},
			want: []row{{"Ships  small\nthings.", "E1", true, StatusNew, ""}, {"Ships  small\nthings.", "E1", true, StatusSame, "Ships  small\nthings."}, {"x", "E3", true, StatusChanged, "Ships  small\nthings."}, {"x", "E3", false, StatusSame, "x"}},
		},
		{
			name: "blank text counts as left out",
			spec: map[string]string{"E1": "a", "E2": "  \n"},
			want: []row{{"a", "E1", true, StatusNew, ""}, {"a", "E1", false, StatusSame, "a"}, {"a", "E1", false, StatusSame, "a"}, {"a", "E1", false, StatusSame, "a"}},
		},
		{
			name: "unknown levels are ignored",
			spec: map[string]string{"E9": "z"},
			want: []row{{"", "", false, StatusNone, ""}, {"", "", false, StatusNone, ""}, {"", "", false, StatusNone, ""}, {"", "", false, StatusNone, ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps := Steps(levels, tt.spec)
			if len(steps) != len(levels) {
				t.Fatalf("got %d steps", len(steps))
			}
			for i, st := range steps {
				w := tt.want[i]
				got := row{st.Text, st.From, st.Stated, st.Status, st.PrevText}
				if got != w {
					t.Errorf("%s: got %+v, want %+v", levels[i], got, w)
				}
				if st.Level != levels[i] {
					t.Errorf("step %d level %s", i, st.Level)
				}
				if i > 0 && (st.Prev != levels[i-1] || st.PrevFrom != steps[i-1].From) {
					t.Errorf("%s: prev %s/%s", levels[i], st.Prev, st.PrevFrom)
				}
				if i == 0 && (st.Prev != "" || st.PrevText != "") {
					t.Errorf("lowest level has a previous level")
				}
			}
		})
	}
	if got := Steps(nil, map[string]string{"E1": "a"}); len(got) != 0 {
		t.Errorf("no levels: %v", got)
	}
}

func TestWordDiff(t *testing.T) {
	tests := []struct {
		prev, cur string
		want      []Segment
	}{
		{"", "", nil},
		{"same words", "same words", []Segment{{"same words", false}}},
		{"", "all new", []Segment{{"all new", true}}},
		{"Completes small tasks with help.", "Completes large tasks without help.",
			[]Segment{{"Completes ", false}, {"large", true}, {" tasks ", false}, {"without", true}, {" help.", false}}},
		{"Owns a service.", "Owns a service and its dependencies.",
			[]Segment{{"Owns a service ", false}, {"and its dependencies", true}, {".", false}}},
		{"a b c", "a  x\ny  c", []Segment{{"a  ", false}, {"x\ny", true}, {"  c", false}}},
		{"words removed here", "words", []Segment{{"words", false}}},
		{"x", "  x  ", []Segment{{"  x  ", false}}},
		{"help", "help.", []Segment{{"help", false}, {".", true}}},
	}
	for _, tt := range tests {
		got := WordDiff(tt.prev, tt.cur)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("WordDiff(%q, %q)\n got %+v\nwant %+v", tt.prev, tt.cur, got, tt.want)
		}
	}
}

func TestHighlightAdded(t *testing.T) {
	tests := []struct {
		name, prev, cur, want string
	}{
		{"unchanged", "<p>Ships small things.</p>", "<p>Ships small things.</p>", "<p>Ships small things.</p>"},
		{"words added",
			"<p>Completes small tasks with help.</p>\n",
			"<p>Completes large tasks without help and\nmentors others.</p>\n",
			"<p>Completes <mark class=\"ladder-added\">large</mark> tasks <mark class=\"ladder-added\">without</mark> help <mark class=\"ladder-added\">and\nmentors others</mark>.</p>\n"},
		{"a mark never spans a tag",
			"<p>Writes code.</p>",
			"<p>Writes <strong>safe</strong> code and <a href=\"x\">tests</a>.</p>",
			"<p>Writes <strong><mark class=\"ladder-added\">safe</mark></strong> code <mark class=\"ladder-added\">and</mark> <a href=\"x\"><mark class=\"ladder-added\">tests</mark></a>.</p>"},
		{"a changed link target alone is not highlighted",
			"<p>See <a href=\"a\">the guide</a>.</p>",
			"<p>See <a href=\"b\">the guide</a>.</p>",
			"<p>See <a href=\"b\">the guide</a>.</p>"},
		{"entities are words",
			"<p>Q&amp;A</p>", "<p>Q&amp;A &lt;now&gt;</p>", "<p>Q&amp;A <mark class=\"ladder-added\">&lt;now&gt;</mark></p>"},
		{"everything new", "", "<ul>\n<li>one</li>\n</ul>", "<ul>\n<li><mark class=\"ladder-added\">one</mark></li>\n</ul>"},
		{"comments and unclosed tags are kept", "<p>a</p>", "<!-- a > b --><p>a b<", "<!-- a > b --><p>a <mark class=\"ladder-added\">b</mark><"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HighlightAdded(tt.prev, tt.cur); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestHighlightAddedLongTextsAreNotDiffed(t *testing.T) {
	long := make([]byte, 0, 8000)
	for i := 0; i < 1200; i++ {
		long = append(long, "w "...)
	}
	got := HighlightAdded(string(long), string(long)+"x")
	if got == string(long)+"x" {
		t.Fatal("expected the whole text marked when too long to diff")
	}
}
