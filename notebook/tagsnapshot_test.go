package notebook_test

import (
	"reflect"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

func TestNotebook_SnapshotAndRestoreTags(t *testing.T) {
	nb := open(t)
	art := add(t, nb, ingest.Draft{Title: "M", Text: mali, Tags: []string{"Sahel/Mali"}})
	h1, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Orlovsky", Tags: []string{"Sahel", "Russia–Africa ties"}})
	if err != nil {
		t.Fatal(err)
	}
	h2, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art.ID, Quote: "Ouagadougou", Tags: []string{"Wagner"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := nb.SetTagColor("Sahel", "orange"); err != nil {
		t.Fatal(err)
	}
	before, _ := nb.Tags()
	state := func() map[string][]string {
		a, _ := nb.Article(art.ID)
		x, _ := nb.Annotation(h1.ID)
		y, _ := nb.Annotation(h2.ID)
		return map[string][]string{"art": a.Tags, "h1": x.Tags, "h2": y.Tags}
	}
	want := state()

	tests := []struct {
		name  string
		names []string
		op    func() error
	}{
		{"merge into an existing tag", []string{"Sahel", "Wagner"}, func() error { _, err := nb.MergeTag("Sahel", "Wagner"); return err }},
		{"merge into a new tag", []string{"Sahel", "West Africa"}, func() error { _, err := nb.MergeTag("Sahel", "West Africa"); return err }},
		{"delete", []string{"Sahel"}, func() error { _, err := nb.DeleteTag("Sahel"); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := nb.SnapshotTags(tt.names...)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.op(); err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(state(), want) {
				t.Fatal("the operation changed nothing")
			}
			if err := nb.RestoreTags(snap); err != nil {
				t.Fatal(err)
			}
			if got := state(); !reflect.DeepEqual(got, want) {
				t.Errorf("after restore %v, want %v", got, want)
			}
			if got, _ := nb.Tags(); !reflect.DeepEqual(got, before) {
				t.Errorf("tag list after restore %+v, want %+v", got, before)
			}
			if p, err := nb.Check(); err != nil || len(p) != 0 {
				t.Errorf("check: %v %v", p, err)
			}
		})
	}
}
