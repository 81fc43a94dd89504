package notebook_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
	"github.com/glossnotes/gloss/notebook/ingest"
)

func TestIsWebURL(t *testing.T) {
	for _, tt := range []struct {
		url string
		ok  bool
	}{
		{"https://example.org/a", true},
		{"HTTP://example.org", true},
		{"javascript:alert(1)", false},
		{"JaVaScRiPt:alert(1)", false},
		{"file:///etc/passwd", false},
		{"data:text/html,<b>x</b>", false},
		{"https://", false},
		{"//example.org/a", false},
		{"", false},
	} {
		if got := notebook.IsWebURL(tt.url); got != tt.ok {
			t.Errorf("IsWebURL(%q) = %v", tt.url, got)
		}
	}
}

// TestNotebook_onlyWebURLs: a javascript: URL is refused by SetArticle,
// dropped from an imported draft, and never written by an export.
func TestNotebook_onlyWebURLs(t *testing.T) {
	nb := open(t)
	a := add(t, nb, ingest.Draft{Title: "M", Text: mali, URL: "javascript:alert(1)"})
	if a.URL != "" {
		t.Errorf("draft URL kept: %q", a.URL)
	}
	bad := "javascript:alert(document.cookie)"
	if _, err := nb.SetArticle(a.ID, notebook.ArticleUpdate{URL: &bad}); !errors.Is(err, notebook.ErrInvalid) {
		t.Errorf("SetArticle with a javascript: URL: %v", err)
	}
	for _, f := range []export.Format{export.Markdown, export.Text, export.CSV, export.HTML, export.JSON, export.CSL, export.BibTeX, export.RIS} {
		var sb strings.Builder
		items := func(yield func(export.Item, error) bool) {
			art := a
			art.URL = bad // as an older notebook could hold
			yield(export.Item{Article: art}, nil)
		}
		if _, err := export.Write(&sb, items, export.Options{Format: f}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if strings.Contains(strings.ToLower(sb.String()), "javascript:") {
			t.Errorf("%s export writes the javascript: URL:\n%s", f, sb.String())
		}
	}
}
