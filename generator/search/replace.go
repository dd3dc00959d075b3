package search

import "sort"

// Replace puts e in the place of document id, leaving the index as
// Assemble would have made it with e there: the document keeps its number
// and every term's postings stay in document order. It is how a build that
// changed a few pages updates the index it kept instead of indexing every
// page again.
func (idx *Index) Replace(id int, e Entry) {
	idx.Docs[id] = e.Doc
	doc := int32(id)
	for term, post := range idx.Terms {
		if i, found := postingOf(post, doc); found {
			if len(post) == 2 {
				delete(idx.Terms, term)
				continue
			}
			// A new slice: postings share one backing array, so growing
			// or shifting one in place could overwrite its neighbour.
			idx.Terms[term] = append(append(make([]int32, 0, len(post)-2), post[:i]...), post[i+2:]...)
		}
	}
	for _, tw := range e.terms {
		post := idx.Terms[tw.term]
		i, _ := postingOf(post, doc)
		grown := make([]int32, 0, len(post)+2)
		grown = append(grown, post[:i]...)
		grown = append(grown, doc, tw.weight)
		idx.Terms[tw.term] = append(grown, post[i:]...)
	}
}

// postingOf finds doc's posting in post (doc, weight pairs in document
// order): its index, or where it would go.
func postingOf(post []int32, doc int32) (int, bool) {
	n := sort.Search(len(post)/2, func(k int) bool { return post[2*k] >= doc })
	return 2 * n, 2*n < len(post) && post[2*n] == doc
}
