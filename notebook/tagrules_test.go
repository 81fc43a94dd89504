package notebook_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// TestCleanTag_refusals: names that are invisible, too long or carry
// control characters are refused; ordinary names in any script pass.
func TestCleanTag_refusals(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"Russia–Africa ties", true},
		{"Sahel/Mali", true},
		{"Россия", true},
		{"萨赫勒", true},
		{"الساحل", true},
		{"#1", true},
		{"\u200b", false},             // zero-width space only
		{"\u200b\u200d\u2060", false}, // zero-width characters only
		{"\u202e\u202d", false},       // bidi overrides only
		{"Sahel/\u200b", true},        // the invisible segment is dropped
		{"\u202egnitset", false},      // a bidi override inside a name
		{"Sahel\x1b[2J", false},       // a terminal escape
		{strings.Repeat("x", notebook.MaxTagRunes), true},
		{strings.Repeat("x", notebook.MaxTagRunes+1), false},
	}
	for _, tt := range tests {
		got, err := notebook.CleanTag(tt.name)
		if tt.ok && err != nil {
			t.Errorf("CleanTag(%q): %v", tt.name, err)
		}
		if !tt.ok && !errors.Is(err, notebook.ErrInvalid) {
			t.Errorf("CleanTag(%q) = %q, %v; want ErrInvalid", tt.name, got, err)
		}
	}
}

// TestNotebook_AddTags_many: adding thousands of tags in one call is
// linear (it took 9 s for 3,000 before) and capped per item.
func TestNotebook_AddTags_many(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "M", Text: mali})
	tags := make([]string, notebook.MaxTagsPerItem)
	for i := range tags {
		tags[i] = fmt.Sprintf("Topic %d", i)
	}
	start := time.Now()
	if err := nb.AddTags([]string{a.ID}, tags); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("adding %d tags took %v", len(tags), d)
	}
	got, err := nb.Article(a.ID)
	if err != nil || len(got.Tags) != notebook.MaxTagsPerItem {
		t.Fatalf("%d tags stored (%v)", len(got.Tags), err)
	}
	if err := nb.AddTags([]string{a.ID}, []string{"one too many"}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("tag beyond the limit: %v, want ErrInvalid", err)
	}
}
