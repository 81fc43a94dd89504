package notebook_test

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// Regression tests for what an attack run found in bundle merging (issue
// 13). Each builds the bundle the attack used and shows what the merge
// does with it now.

// TestNotebook_MergeBundle_trashEntryOfAnotherKind: a bundle's trash entry
// of kind annotation with the ID of an article deleted here used to
// replace the article's entry (it was deleted "later", in 2099), so that
// restore brought back an annotation and the article was lost.
func TestNotebook_MergeBundle_trashEntryOfAnotherKind(t *testing.T) {
	nb, _ := bundleNB(t)
	r, err := nb.AddArticle(ingest.Draft{Title: "Kept safe", Text: "A text that must survive the merge."})
	if err != nil {
		t.Fatal(err)
	}
	id := r.Article.ID
	if _, err := nb.Highlight(notebook.HighlightSpec{ArticleID: id, Quote: "survive", Note: "my note"}); err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Delete(id); err != nil {
		t.Fatal(err)
	}
	var g ids
	forged := notebook.TrashEntry{ID: id, Kind: notebook.TrashAnnotation, Deleted: time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC),
		Annotations: []notebook.Annotation{{ID: id, ArticleID: g.next(), Start: 0, End: 1, Quote: "x",
			Color: notebook.Yellow, Status: notebook.Anchored, Created: t0, Updated: t0}}}
	rep := merge(t, nb, bundleJSON(t, nil, nil, []notebook.TrashEntry{forged}))
	if rep.Refused != 1 || rep.TrashAdded != 0 || len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0], id) {
		t.Errorf("merge: %+v", rep)
	}
	checkClean(t, nb)
	es, err := nb.Restore(id)
	var e notebook.TrashEntry
	if len(es) == 1 {
		e = es[0]
	}
	if err != nil || e.Kind != notebook.TrashArticle {
		t.Fatalf("restore: %v (kind %q)", err, e.Kind)
	}
	body, err := nb.Text(id)
	if err != nil || body.Text != "A text that must survive the merge." {
		t.Errorf("text after restore: %q, %v", body.Text, err)
	}
	if anns, err := nb.Annotations(id); err != nil || len(anns) != 1 || anns[0].Note != "my note" {
		t.Errorf("annotations after restore: %+v, %v", anns, err)
	}
}

// TestNotebook_MergeBundle_idsUniqueAcrossKinds: a bundle record whose ID
// is an item of the other kind here is refused and reported, and the rest
// of the bundle is merged.
func TestNotebook_MergeBundle_idsUniqueAcrossKinds(t *testing.T) {
	type setup struct {
		article, annotation          string // live items here
		trashedArticle, trashedAnnID string // an article in the trash, and its annotation
		trashedNote                  string // an annotation alone in the trash
	}
	prepare := func(t *testing.T) (*notebook.Notebook, setup) {
		nb, _ := bundleNB(t)
		var s setup
		add := func(title, text string) string {
			r, err := nb.AddArticle(ingest.Draft{Title: title, Text: text})
			if err != nil {
				t.Fatal(err)
			}
			return r.Article.ID
		}
		hl := func(art, quote string) string {
			a, err := nb.Highlight(notebook.HighlightSpec{ArticleID: art, Quote: quote})
			if err != nil {
				t.Fatal(err)
			}
			return a.ID
		}
		s.article = add("Live", "The live article here.")
		s.annotation = hl(s.article, "live")
		s.trashedNote = hl(s.article, "here")
		if _, err := nb.Delete(s.trashedNote); err != nil {
			t.Fatal(err)
		}
		s.trashedArticle = add("Gone", "The deleted article here.")
		s.trashedAnnID = hl(s.trashedArticle, "deleted")
		if _, err := nb.Delete(s.trashedArticle); err != nil {
			t.Fatal(err)
		}
		return nb, s
	}
	var g ids
	other := g.next() // an article ID not here
	tests := []struct {
		name string
		// whole: the bundle is one refused record; otherwise the refused
		// annotation's article is merged without it.
		whole bool
		make  func(s setup) []byte
	}{
		{"article with a live annotation's ID", true, func(s setup) []byte {
			return bundleJSON(t, []rec{newRec(s.annotation, "Forged", "Forged text one.", "")}, nil, nil)
		}},
		{"article with a trashed annotation's ID", true, func(s setup) []byte {
			return bundleJSON(t, []rec{newRec(s.trashedNote, "Forged", "Forged text two.", "")}, nil, nil)
		}},
		{"article with the ID of an annotation inside a trashed article", true, func(s setup) []byte {
			return bundleJSON(t, []rec{newRec(s.trashedAnnID, "Forged", "Forged text three.", "")}, nil, nil)
		}},
		{"annotation with a live article's ID", false, func(s setup) []byte {
			return bundleJSON(t, []rec{newRec(other, "Forged", "Forged text four.", s.article)}, nil, nil)
		}},
		{"annotation with a trashed article's ID", false, func(s setup) []byte {
			return bundleJSON(t, []rec{newRec(other, "Forged", "Forged text five.", s.trashedArticle)}, nil, nil)
		}},
		{"article trash entry with a live annotation's ID", true, func(s setup) []byte {
			r := newRec(s.annotation, "Forged", "Forged text six.", "")
			return bundleJSON(t, nil, nil, []notebook.TrashEntry{{ID: r.Article.ID, Kind: notebook.TrashArticle, Deleted: t0, Title: "Forged", Article: &r.Article, Body: &r.Body}})
		}},
		{"article trash entry holding an annotation with a live article's ID", true, func(s setup) []byte {
			r := newRec(other, "Forged", "Forged text seven.", s.article)
			return bundleJSON(t, nil, nil, []notebook.TrashEntry{{ID: other, Kind: notebook.TrashArticle, Deleted: t0, Title: "Forged", Article: &r.Article, Body: &r.Body, Annotations: r.Annotations}})
		}},
		{"annotation trash entry with a live article's ID", true, func(s setup) []byte {
			r := newRec(other, "Forged", "Forged text eight.", s.article)
			return bundleJSON(t, nil, nil, []notebook.TrashEntry{{ID: s.article, Kind: notebook.TrashAnnotation, Deleted: t0, Annotations: r.Annotations}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, s := prepare(t)
			before := bundleOf(t, nb)
			rep := merge(t, nb, tt.make(s))
			if rep.Refused != 1 || len(rep.Conflicts) != 1 {
				t.Errorf("merge: %+v", rep)
			}
			checkClean(t, nb)
			if tt.whole {
				sameBundle(t, before, bundleOf(t, nb))
			} else if rep.ArticlesAdded != 1 || rep.AnnotationsAdded != 0 {
				t.Errorf("the article was not merged without its annotation: %+v", rep)
			}
			// Both deleted items can still be restored.
			if _, err := nb.Restore(s.trashedArticle); err != nil {
				t.Errorf("restore the article: %v", err)
			}
			if _, err := nb.Restore(s.trashedNote); err != nil {
				t.Errorf("restore the annotation: %v", err)
			}
			checkClean(t, nb)
		})
	}

	// The rest of a bundle merges around a refused record.
	t.Run("rest merged", func(t *testing.T) {
		nb, s := prepare(t)
		ok := newRec(other, "Fine", "A fine article.", g.next())
		// s.article sorts first: it was made at the test clock's time.
		ok.Annotations = append([]notebook.Annotation{{ID: s.article, ArticleID: other, Start: 2, End: 6,
			Quote: "fine", Color: notebook.Red, Status: notebook.Anchored, Created: t0, Updated: t0}}, ok.Annotations...)
		rep := merge(t, nb, bundleJSON(t, []rec{ok}, nil, nil))
		if rep.ArticlesAdded != 1 || rep.AnnotationsAdded != 1 || rep.Refused != 1 {
			t.Errorf("merge: %+v", rep)
		}
		checkClean(t, nb)
		// Two deletes later the article can still be restored.
		if _, err := nb.Delete(other); err != nil {
			t.Fatal(err)
		}
		if _, err := nb.Delete(s.article); err != nil {
			t.Fatal(err)
		}
		if es, err := nb.Restore(s.article); err != nil || es[0].Kind != notebook.TrashArticle {
			t.Errorf("restore %s: %v (%+v)", s.article, err, es)
		}
		checkClean(t, nb)
	})
}

// validBundle is a small bundle with every kind of record; tests break one
// field of it.
func validBundle() ([]rec, []notebook.Tag, []notebook.TrashEntry) {
	var g ids
	a := newRec(g.next(), "A report", "First paragraph of the report.\n\nSecond paragraph, longer than the first.", g.next())
	a.Article.Tags = []string{"Sahel/Mali"}
	a.Article.Version = 2
	older := "An older text of the report."
	a.Versions = []notebook.Version{{Number: 1, Saved: t0, TextHash: sha256Hex(older), Body: notebook.Body{Text: older}, Reason: "edit"}}
	a.Annotations[0].Note = "a note"
	a.Annotations[0].Tags = []string{"Sahel"}
	b := newRec(g.next(), "Deleted piece", "Soon in the trash.", g.next())
	trashedArt := notebook.TrashEntry{ID: b.Article.ID, Kind: notebook.TrashArticle, Deleted: t0, Title: "Deleted piece",
		Article: &b.Article, Body: &b.Body, Annotations: b.Annotations}
	note := notebook.TrashEntry{ID: g.next(), Kind: notebook.TrashAnnotation, Deleted: t0, Title: "A report",
		Annotations: []notebook.Annotation{{ID: "", ArticleID: a.Article.ID, Start: 6, End: 15, Quote: "paragraph",
			Color: notebook.Blue, Status: notebook.Anchored, Created: t0, Updated: t0}}}
	note.Annotations[0].ID = note.ID
	tags := []notebook.Tag{{Name: "Sahel", Color: "orange"}, {Name: "Sahel/Mali"}}
	return []rec{a}, tags, []notebook.TrashEntry{trashedArt, note}
}

func TestNotebook_MergeBundle_validBundle(t *testing.T) {
	arts, tags, trash := validBundle()
	nb, _ := bundleNB(t)
	rep := merge(t, nb, bundleJSON(t, arts, tags, trash))
	if rep.ArticlesAdded != 1 || rep.AnnotationsAdded != 1 || rep.TrashAdded != 2 || rep.Refused != 0 {
		t.Errorf("merge: %+v", rep)
	}
	checkClean(t, nb)
}

// TestNotebook_MergeBundle_refusesBadRecords: a bundle with a record that
// breaks the rules for direct input is refused as a whole, naming the
// record and where it starts, and leaves the notebook unchanged.
func TestNotebook_MergeBundle_refusesBadRecords(t *testing.T) {
	type bundle struct {
		arts  []rec
		tags  []notebook.Tag
		trash []notebook.TrashEntry
	}
	ann := func(b *bundle) *notebook.Annotation { return &b.arts[0].Annotations[0] }
	art := func(b *bundle) *notebook.Article { return &b.arts[0].Article }
	tests := []struct {
		name    string
		mutate  func(b *bundle)
		section string
		record  int
		want    string
	}{
		{"offsets -10–5", func(b *bundle) { ann(b).Start, ann(b).End = -10, 5 }, "articles", 1, "passage -10–5 is not within the text"},
		{"offsets 50–10", func(b *bundle) { ann(b).Start, ann(b).End = 50, 10 }, "articles", 1, "passage 50–10"},
		{"offsets 5–999999", func(b *bundle) { ann(b).Start, ann(b).End = 5, 999999 }, "articles", 1, "passage 5–999999"},
		{"offset 9.2e18", func(b *bundle) { ann(b).End = math.MaxInt64 }, "articles", 1, "passage 0–9223372036854775807"},
		{"empty passage", func(b *bundle) { ann(b).End = 0 }, "articles", 1, "passage 0–0"},
		{"article ID AB", func(b *bundle) { art(b).ID = "AB" }, "articles", 1, `ID "AB" is not a ULID`},
		{"article ID a path", func(b *bundle) { art(b).ID = "../../../../tmp/x" }, "articles", 1, "is not a ULID"},
		{"article ID with ESC", func(b *bundle) { art(b).ID = "01J0000000000000000000\x1b[31" }, "articles", 1, "is not a ULID"},
		{"article ID with NUL", func(b *bundle) { art(b).ID = "01J00000000000000000000\x0001" }, "articles", 1, "is not a ULID"},
		{"article ID with newline", func(b *bundle) { art(b).ID = "01J000000000000000000000\n1" }, "articles", 1, "is not a ULID"},
		{"article ID in lower case", func(b *bundle) { art(b).ID = strings.ToLower(art(b).ID) }, "articles", 1, "is not a ULID"},
		{"annotation ID not a ULID", func(b *bundle) { ann(b).ID = "note-1" }, "articles", 1, "is not a ULID"},
		{"trash entry of unknown kind", func(b *bundle) { b.trash[1].Kind = "tag" }, "trash", 2, `unknown kind "tag"`},
		{"empty text", func(b *bundle) { b.arts[0].setText("") }, "articles", 1, "text is empty"},
		{"blank text", func(b *bundle) { b.arts[0].setText(" \n\n ") }, "articles", 1, "text is empty"},
		{"NUL in text", func(b *bundle) { b.arts[0].setText("Text with a \x00 byte.") }, "articles", 1, "control character (U+0000)"},
		{"ESC in text", func(b *bundle) { b.arts[0].setText("Text with \x1b[2J in it.") }, "articles", 1, "control character (U+001B)"},
		{"negative version number", func(b *bundle) { art(b).Version = -1 }, "articles", 1, "version number -1"},
		{"negative number of a version", func(b *bundle) { b.arts[0].Versions[0].Number = -3 }, "articles", 1, "version -3"},
		{"version number too high", func(b *bundle) { b.arts[0].Versions[0].Number = 99_999_999 }, "articles", 1, "numbers must be 1–99999998"},
		{"duplicate versions", func(b *bundle) {
			b.arts[0].Versions = append(b.arts[0].Versions, b.arts[0].Versions[0])
		}, "articles", 1, "each once"},
		{"version text does not match its hash", func(b *bundle) { b.arts[0].Versions[0].Body.Text = "Edited." }, "articles", 1, "version 1: text does not match its SHA-256"},
		{"version saved time missing", func(b *bundle) { b.arts[0].Versions[0].Saved = time.Time{} }, "articles", 1, "version 1: saved time is missing"},
		{"text does not match its hash", func(b *bundle) { b.arts[0].Body.Text = strings.Replace(b.arts[0].Body.Text, "First", "Fir5t", 1) }, "articles", 1, "text does not match its SHA-256"},
		{"length does not match the text", func(b *bundle) { art(b).Chars += 25 }, "articles", 1, "records 97 characters but its text has 72"},
		{"annotation colour", func(b *bundle) { ann(b).Color = "chartreuse" }, "articles", 1, `colour "chartreuse" is not a palette colour`},
		{"tag colour", func(b *bundle) { b.tags[0].Color = "chartreuse" }, "tags", 1, `colour "chartreuse"`},
		{"annotation status", func(b *bundle) { ann(b).Status = "lost" }, "articles", 1, `status "lost" is not anchored, moved or orphaned`},
		{"trashed annotation status", func(b *bundle) { b.trash[1].Annotations[0].Status = "" }, "trash", 2, `status ""`},
		{"control character in a title", func(b *bundle) { art(b).Title = "Title\x1b[2J" }, "articles", 1, "title \"Title\\x1b[2J\" has a control character (U+001B)"},
		{"empty title", func(b *bundle) { art(b).Title = "" }, "articles", 1, "the title is empty"},
		{"newline in a URL", func(b *bundle) { art(b).URL = "https://example.org/\nx" }, "articles", 1, "URL"},
		{"C1 control in a byline", func(b *bundle) { art(b).Byline = "A. Writer\u0085" }, "articles", 1, "byline"},
		{"NUL in a note", func(b *bundle) { ann(b).Note = "note\x00" }, "articles", 1, "note has a control character (U+0000)"},
		{"note too long", func(b *bundle) { ann(b).Note = strings.Repeat("n", notebook.MaxNoteBytes+1) }, "articles", 1, "note is 1048577 bytes long"},
		{"control character in a tag", func(b *bundle) { ann(b).Tags = []string{"Sahel\x07"} }, "articles", 1, "control character"},
		{"control character in a tag record", func(b *bundle) { b.tags[1].Name = "Sahel/\x1bMali" }, "tags", 2, "control character"},
		{"empty tag", func(b *bundle) { art(b).Tags = []string{" / "} }, "articles", 1, "empty name"},
		{"paragraph kind", func(b *bundle) { b.arts[0].Body.Kinds = []ingest.BlockKind{0, 9} }, "articles", 1, "unknown kind 9"},
		{"more kinds than paragraphs", func(b *bundle) { b.arts[0].Body.Kinds = []ingest.BlockKind{0, 1, 1} }, "articles", 1, "3 paragraph kinds for 2 paragraphs"},
		{"annotation of another article", func(b *bundle) { ann(b).ArticleID = b.trash[0].ID }, "articles", 1, "belongs to article"},
		{"annotations out of order", func(b *bundle) {
			second := *ann(b)
			second.ID = "01J00000000000000000000000"
			b.arts[0].Annotations = append(b.arts[0].Annotations, second)
		}, "articles", 1, "in ID order"},
		{"article twice", func(b *bundle) { b.arts = append(b.arts, b.arts[0]) }, "articles", 2, "records must be in order, each once"},
		{"tags out of order", func(b *bundle) { b.tags[0], b.tags[1] = b.tags[1], b.tags[0] }, "tags", 2, "records must be in order"},
		{"trash entry twice", func(b *bundle) { b.trash = append(b.trash, b.trash[1]) }, "trash", 3, "each once"},
		{"annotation entry with two annotations", func(b *bundle) {
			b.trash[1].Annotations = append(b.trash[1].Annotations, b.trash[1].Annotations[0])
		}, "trash", 2, "does not hold exactly that annotation"},
		{"annotation entry with an article", func(b *bundle) { b.trash[1].Article = &b.arts[0].Article }, "trash", 2, "annotation entry with an article's record"},
		{"article entry without its text", func(b *bundle) { b.trash[0].Body = nil }, "trash", 1, "without its article or text"},
		{"article entry whose text does not match", func(b *bundle) {
			body := *b.trash[0].Body
			body.Text = "Tampered."
			b.trash[0].Body = &body
		}, "trash", 1, "text does not match its SHA-256"},
		{"trash entry without a date", func(b *bundle) { b.trash[1].Deleted = time.Time{} }, "trash", 2, "no deletion time"},
	}
	if !raceEnabled { // 70 MB of base64: too slow with -race
		tests = append(tests, struct {
			name    string
			mutate  func(b *bundle)
			section string
			record  int
			want    string
		}{"source too large", func(b *bundle) {
			b.arts[0].Source = &notebook.Source{Name: "big", Data: make([]byte, notebook.MaxSourceBytes+1)}
		}, "articles", 1, "source is 52428801 bytes"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bundle
			b.arts, b.tags, b.trash = validBundle()
			tt.mutate(&b)
			data := bundleJSON(t, b.arts, b.tags, b.trash)
			nb, _ := bundleNB(t)
			before := bundleOf(t, nb)
			_, err := nb.MergeBundle(bytes.NewReader(data))
			var be *notebook.BundleError
			if !errors.As(err, &be) || !errors.Is(err, notebook.ErrInvalid) {
				t.Fatalf("err = %v, want a BundleError", err)
			}
			if be.Section != tt.section || be.Record != tt.record || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant %s record #%d: …%s…", err, tt.section, tt.record, tt.want)
			}
			if be.Offset <= 0 || be.Offset >= int64(len(data)) || data[be.Offset] != '{' {
				t.Errorf("offset %d is not the start of a record", be.Offset)
			}
			sameBundle(t, before, bundleOf(t, nb))
			checkClean(t, nb)
		})
	}
}

// TestNotebook_MergeBundle_malformed: bundles that are not well-formed are
// refused with the byte offset of the problem.
func TestNotebook_MergeBundle_malformed(t *testing.T) {
	arts, tags, trash := validBundle()
	good := string(bundleJSON(t, arts, tags, trash))
	tests := []struct{ name, bundle, want string }{
		{"data after the end", good + "{}", "data after the end of the bundle"},
		{"field twice", strings.Replace(good, `],"tags":[`, `],"articles":[],"tags":[`, 1), `field "articles" appears twice`},
		{"record not an object", strings.Replace(good, `],"tags":[`, `],"tags":[1,`, 1), "record #1 is not an object"},
		{"missing comma", strings.Replace(good, "},\n{", "}\n{", 1), "want ',' or ']' after record #1"},
		{"raw control character in a string", strings.Replace(good, "A report", "A\treport", 1), "control character 0x9 inside a string"},
		{"unbalanced", strings.Replace(good, `],"tags":[`, `],"tags":[{"name":"x"]`, 1), "unexpected ']'"},
		{"version saved time not a time", strings.Replace(good, `"saved":"`+t0.Format(time.RFC3339)+`"`, `"saved":"yesterday"`, 1), "cannot be decoded"},
		{"two numbers", strings.Replace(good, `"version":2`, `"version":2 3`, 1), "cannot be decoded"},
		{"truncated", good[:len(good)/2], "ends early"},
		{"nested too deep", strings.Replace(good, `],"tags":[`, `],"tags":[{"name":"x","more":`+strings.Repeat("[", 40)+strings.Repeat("]", 40)+`},`, 1), "nested more than 16 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, _ := bundleNB(t)
			_, err := nb.MergeBundle(strings.NewReader(tt.bundle))
			if !errors.Is(err, notebook.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want …%s…", err, tt.want)
			}
			if !strings.Contains(err.Error(), "byte ") {
				t.Errorf("err = %v names no position", err)
			}
			if arts, _ := nb.Articles(notebook.ListOptions{}); len(arts) != 0 {
				t.Errorf("a refused merge left %d articles", len(arts))
			}
		})
	}
}

// TestNotebook_MergeBundle_emptyTextDoesNotReplace: a newer record with an
// empty body used to replace the article's text.
func TestNotebook_MergeBundle_emptyTextDoesNotReplace(t *testing.T) {
	arts, tags, trash := validBundle()
	nb, _ := bundleNB(t)
	merge(t, nb, bundleJSON(t, arts, tags, trash))
	before := bundleOf(t, nb)
	arts[0].setText("")
	arts[0].Article.Updated = t0.Add(time.Hour)
	arts[0].Annotations = nil
	if _, err := nb.MergeBundle(bytes.NewReader(bundleJSON(t, arts, tags, trash))); !errors.Is(err, notebook.ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	sameBundle(t, before, bundleOf(t, nb))
}

// TestNotebook_MergeBundle_tagsWithoutRecords: items whose tags have no tag
// record in the bundle used to be stored so (listed lowercased, and
// rename, merge, delete and colour said "not found"). Now every tag gets a
// record in the spelling the items use, or the one already here.
func TestNotebook_MergeBundle_tagsWithoutRecords(t *testing.T) {
	var g ids
	a := newRec(g.next(), "Tagged", "A tagged article about a topic.", g.next())
	a.Article.Tags = []string{"Topic"}
	a.Annotations[0].Tags = []string{"topic/Sub Theme", "Other"}
	nb, _ := bundleNB(t)
	rep := merge(t, nb, bundleJSON(t, []rec{a}, nil, nil))
	if rep.TagsAdded != 3 {
		t.Errorf("tags added = %d, want 3 (Topic, Topic/Sub Theme, Other): %+v", rep.TagsAdded, rep)
	}
	checkClean(t, nb)
	tags, err := nb.Tags()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tc := range tags {
		names = append(names, tc.Name)
	}
	if got := strings.Join(names, ","); got != "Other,Topic,Topic/Sub Theme" {
		t.Errorf("tags = %s", got)
	}
	ann, err := nb.Annotation(a.Annotations[0].ID)
	if err != nil || strings.Join(ann.Tags, ",") != "Topic/Sub Theme,Other" {
		t.Errorf("annotation tags = %q (%v), want this notebook's spelling", ann.Tags, err)
	}
	// Merging again changes nothing more.
	again := merge(t, nb, bundleJSON(t, []rec{a}, nil, nil))
	if again.TagsAdded+again.AnnotationsUpdated+again.ArticlesUpdated+again.KeptInTrash != 0 {
		t.Errorf("second merge: %+v", again)
	}
	// The tag operations that used to say "not found" find the tag.
	if err := nb.SetTagColor("Topic", "green"); err != nil {
		t.Errorf("colour: %v", err)
	}
	if _, err := nb.RenameTag("Topic", "Subject"); err != nil {
		t.Errorf("rename: %v", err)
	}
	checkClean(t, nb)
}

// TestNotebook_MergeBundle_formatVersion: a version that is not a small
// positive number says so (it used to say "no article text found", as the
// file was not taken for a bundle).
func TestNotebook_MergeBundle_formatVersion(t *testing.T) {
	tests := []struct {
		version string
		want    error
		msg     string
	}{
		{"99999999999999999999", notebook.ErrInvalid, "bundle format version 99999999999999999999 is not supported"},
		{"-1", notebook.ErrInvalid, "bundle format version -1 is not supported"},
		{"0", notebook.ErrInvalid, "bundle format version 0 is not supported"},
		{"1.5", notebook.ErrInvalid, "bundle format version 1.5 is not supported"},
		{`"1"`, notebook.ErrInvalid, `bundle format version "1" is not supported`},
		{"2", notebook.ErrNewerSchema, "bundle format version 2"},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			data := []byte(`{"gloss_bundle":` + tt.version + `,"articles":[]}`)
			if !notebook.IsBundle(bytes.NewReader(data)) {
				t.Error("IsBundle = false")
			}
			nb, _ := bundleNB(t)
			_, err := nb.MergeBundle(bytes.NewReader(data))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want …%s…", err, tt.msg)
			}
		})
	}
}

// TestNotebook_MergeBundle_versionNumbers: a text kept as a version by a
// merge used to take the number of the article's current text, so that
// "version N" named two texts. The article's number now moves above.
func TestNotebook_MergeBundle_versionNumbers(t *testing.T) {
	var g ids
	id := g.next()
	theirs := newRec(id, "Shared", "Their text of the piece.", "")
	ours := newRec(id, "Shared", "Our text of the piece.", "")
	ours.Article.Updated = t0.Add(time.Hour) // ours is newer: theirs becomes a version
	nb, _ := bundleNB(t)
	merge(t, nb, bundleJSON(t, []rec{ours}, nil, nil))
	rep := merge(t, nb, bundleJSON(t, []rec{theirs}, nil, nil))
	if rep.VersionsAdded != 1 {
		t.Fatalf("merge: %+v", rep)
	}
	a, err := nb.Article(id)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := nb.Versions(id)
	if err != nil || len(vs) != 1 {
		t.Fatalf("versions %+v, %v", vs, err)
	}
	if a.Version <= vs[0].Number {
		t.Errorf("article is version %d, its kept version is %d", a.Version, vs[0].Number)
	}
	cur, err := nb.VersionText(id, a.Version)
	if err != nil || cur.Text != "Our text of the piece." {
		t.Errorf("current version: %q, %v", cur.Text, err)
	}
	old, err := nb.VersionText(id, vs[0].Number)
	if err != nil || old.Text != "Their text of the piece." {
		t.Errorf("kept version: %q, %v", old.Text, err)
	}
	checkClean(t, nb)
	if again := merge(t, nb, bundleJSON(t, []rec{theirs}, nil, nil)); again.VersionsAdded+again.ArticlesUpdated != 0 {
		t.Errorf("second merge: %+v", again)
	}
}

// TestNotebook_MergeBundle_noVersionNumberLeft: version numbers are eight
// digits in storage; a text that would need a ninth is not kept, and the
// merge says so.
func TestNotebook_MergeBundle_noVersionNumberLeft(t *testing.T) {
	var g ids
	id := g.next()
	ours := newRec(id, "Shared", "Our text of the piece.", "")
	ours.Article.Updated = t0.Add(time.Hour)
	ours.Article.Version = 99_999_999
	older := "An older text."
	ours.Versions = []notebook.Version{{Number: 99_999_998, Saved: t0, TextHash: sha256Hex(older),
		Body: notebook.Body{Text: older}, Reason: "edit"}}
	theirs := newRec(id, "Shared", "Their text of the piece.", "")
	nb, _ := bundleNB(t)
	merge(t, nb, bundleJSON(t, []rec{ours}, nil, nil))
	rep := merge(t, nb, bundleJSON(t, []rec{theirs}, nil, nil))
	if rep.VersionsAdded != 0 || len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0], "no version number left") {
		t.Errorf("merge: %+v", rep)
	}
	checkClean(t, nb)
}
