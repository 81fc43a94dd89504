package export_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

// TestHTMLPalette: the HTML export styles every palette colour, with the
// palette's print tone as the border (one source: notebook.PrintColors).
func TestHTMLPalette(t *testing.T) {
	src, err := export.BuiltinTemplate("html.html.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range notebook.Colors {
		want := fmt.Sprintf(".b-%s", c)
		i := strings.Index(src, want)
		if i < 0 || !strings.Contains(src[i:min(len(src), i+60)], notebook.PrintColors[c]) {
			t.Errorf("html template: %s has no border %s", want, notebook.PrintColors[c])
		}
	}
}
