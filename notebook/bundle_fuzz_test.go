package notebook_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
)

// FuzzNotebook_MergeBundle merges mutated bundles (and random bytes) into
// a notebook on a real bbolt file that already holds a diverged copy of
// the same records. Whatever the input: no panic, no hang; either the
// merge is refused with an ErrInvalid or ErrNewerSchema error and the
// notebook is unchanged, or it is merged and check finds nothing wrong.
func FuzzNotebook_MergeBundle(f *testing.F) {
	arts, tags, trash := validBundle()
	base := bundleJSON(f, arts, tags, trash)

	// The notebook every input is merged into: the base bundle, then
	// local changes, so that merges add, update, keep and conflict.
	tmpl := filepath.Join(f.TempDir(), "template.db")
	db := nbtest.Store(f, tmpl)
	nb := notebook.New(db)
	if _, err := nb.MergeBundle(bytes.NewReader(base)); err != nil {
		f.Fatal(err)
	}
	note := "edited here"
	if _, err := nb.EditAnnotation(arts[0].Annotations[0].ID, notebook.AnnotationUpdate{Note: &note}); err != nil {
		f.Fatal(err)
	}
	if _, err := nb.EditText(arts[0].Article.ID, "A local edit.\n\n"+arts[0].Body.Text); err != nil {
		f.Fatal(err)
	}
	before := bundleOf(f, nb) // what every refused merge must leave
	if err := nb.Close(); err != nil {
		f.Fatal(err)
	}
	template, err := os.ReadFile(tmpl)
	if err != nil {
		f.Fatal(err)
	}

	// Seeds: the base bundle, a newer one, gzipped, and edge cases.
	newer := validBundleNewer()
	f.Add(base)
	f.Add(bundleJSON(f, newer, tags, trash))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(base)
	zw.Close()
	f.Add(gz.Bytes())
	for _, s := range []string{"", "{}", `{"gloss_bundle":1}`, `{"gloss_bundle":1,"articles":[{}]}`,
		`{"gloss_bundle":-1,"articles":[]}`, `{"gloss_bundle":1,"trash":[{"id":"01J00000000000000000000001","kind":"annotation"}]}`,
		strings.Replace(string(base), `"status":"anchored"`, `"status":"orphaned"`, 1),
		strings.Replace(string(base), `"kind":"annotation"`, `"kind":"article"`, 1)} {
		f.Add([]byte(s))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "nb.db")
		if err := os.WriteFile(path, template, 0o600); err != nil {
			t.Fatal(err)
		}
		notebook.IsBundle(bytes.NewReader(data)) // must not panic
		nb := notebook.New(nbtest.Store(t, path))
		defer nb.Close()
		_, err := nb.MergeBundle(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, notebook.ErrInvalid) && !errors.Is(err, notebook.ErrNewerSchema) {
				t.Fatalf("merge: unexpected kind of error: %v", err)
			}
			sameBundle(t, before, bundleOf(t, nb))
		}
		if problems, err := nb.Check(); err != nil || len(problems) > 0 {
			t.Fatalf("check after merge (err %v): %v", err, problems)
		}
	})
}

// validBundleNewer is validBundle's article changed later: a new text and
// an edited note.
func validBundleNewer() []rec {
	arts, _, _ := validBundle()
	a := &arts[0]
	a.setText(a.Body.Text + "\n\nA third paragraph added later.")
	a.Article.Updated = t0.Add(time.Hour)
	a.Annotations[0].Note = "edited there"
	a.Annotations[0].Updated = t0.Add(time.Hour)
	return arts
}
