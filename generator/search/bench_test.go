package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/almanac-handbook/almanac/generator/site"
)

// Words for generated pages: prose, jargon and the kind of identifiers
// handbook pages are full of.
var benchWords = strings.Fields(`the a to of and we it is in for on with when that this
	team review checklist runbook migration schema backlog alert baseline quota
	pipeline dashboard pager latency rollback deploy canary release incident
	postmortem escalation owner sprint quarter observable idempotent bounded
	predictable boring documented automated measure plan retire automate
	analytics-store-15 orders-api payments_gateway apiVersion kubectl make
	Deployment metadata labels p99 3 a.m. 2024-05-01 v1.26 HTTP/2 500ms 99.9%
	Kafka PostgreSQL Redis S3 us-east-1 #team-cascade-3 Freya Rossi Lukas
	Delgado Elena Kowalski Zürich café naïve résumé Straße İstanbul`)

// benchPage returns a page of a few KB of prose with headings, code
// identifiers and numbers, like a generated handbook page.
func benchPage(r *rand.Rand, n int) *site.Page {
	word := func() string {
		if r.IntN(8) == 0 { // service names, ticket numbers, versions
			return fmt.Sprintf("%s-%d", benchWords[r.IntN(len(benchWords))], r.IntN(500))
		}
		return benchWords[r.IntN(len(benchWords))]
	}
	sentence := func(words int) string {
		w := make([]string, words)
		for i := range w {
			w[i] = word()
		}
		return strings.Join(w, " ") + "."
	}
	p := &site.Page{
		Path:        fmt.Sprintf("handbook/s%02d/page-%05d/", n%20, n),
		Kind:        "page",
		Template:    "page/page.html",
		Title:       fmt.Sprintf("Interview loops for %s, part %d", word(), n),
		Description: sentence(10),
		Tags:        []string{word(), word()},
	}
	var text strings.Builder
	for s := 0; s < 6; s++ {
		h := strings.TrimSuffix(sentence(3), ".")
		p.TOC = append(p.TOC, site.Heading{Text: h})
		text.WriteString(h + "\n")
		for para := 0; para < 3; para++ {
			for range 4 {
				text.WriteString(sentence(8+r.IntN(10)) + " ")
			}
			text.WriteString("\n")
		}
		fmt.Fprintf(&text, "| %s | %s-%d | every %s |\n", word(), word(), r.IntN(1000), word())
	}
	p.Text = text.String()
	return p
}

func benchPages(n int) []*site.Page {
	r := rand.New(rand.NewPCG(1, 2))
	pages := make([]*site.Page, n)
	for i := range pages {
		pages[i] = benchPage(r, i)
	}
	return pages
}

func BenchmarkNewEntry(b *testing.B) {
	pages := benchPages(100)
	size := 0
	for _, p := range pages {
		size += len(p.Text)
	}
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		NewEntry(pages[i%len(pages)])
		i++
	}
}

func BenchmarkBuild(b *testing.B) {
	pages := benchPages(1000)
	b.ReportAllocs()
	for b.Loop() {
		build(pages, PartDocs)
	}
}

func BenchmarkScript(b *testing.B) {
	idx := build(benchPages(1000), PartDocs)[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := idx.Script(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEntries(b *testing.B) {
	pages := benchPages(1000)
	b.ReportAllocs()
	for b.Loop() {
		Entries(pages)
	}
}

func BenchmarkAssemble(b *testing.B) {
	entries := Entries(benchPages(1000))
	b.ReportAllocs()
	for b.Loop() {
		Assemble(entries, PartDocs)
	}
}

func BenchmarkTokens(b *testing.B) {
	text := benchPages(1)[0].Text
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tokens(text)
	}
}
