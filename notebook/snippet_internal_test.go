package notebook

import (
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/search"
)

// TestMatchOf_snippet: a body match is cut to a snippet around its first
// range, in code points, without converting the whole body.
func TestMatchOf_snippet(t *testing.T) {
	pad := strings.Repeat("ü", snippetRadius+10) // two bytes a character
	body := pad + " Ouagadougou " + pad
	doc := search.Doc{Kind: search.KindArticle, Body: body}
	start := snippetRadius + 11 // code points: pad, then a space
	m := matchOf(doc, search.Match{Field: search.FieldBody, Ranges: []search.Range{{Start: start, End: start + len("Ouagadougou")}}})
	if m.Offset != start-snippetRadius {
		t.Errorf("offset %d, want %d", m.Offset, start-snippetRadius)
	}
	runes := []rune(m.Text)
	if len(runes) != 2*snippetRadius+len("Ouagadougou") {
		t.Errorf("snippet of %d characters", len(runes))
	}
	if len(m.Ranges) != 1 || string(runes[m.Ranges[0][0]:m.Ranges[0][1]]) != "Ouagadougou" {
		t.Errorf("ranges %v select the wrong text in %q", m.Ranges, m.Text)
	}
	// Near the end of the text the snippet stops at the end.
	end := search.Doc{Kind: search.KindArticle, Body: "short ü text"}
	m = matchOf(end, search.Match{Field: search.FieldBody, Ranges: []search.Range{{Start: 8, End: 12}}})
	if m.Text != "short ü text" || m.Offset != 0 || m.Ranges[0] != [2]int{8, 12} {
		t.Errorf("short text: %+v", m)
	}
}
