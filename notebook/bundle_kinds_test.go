package notebook_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// Paragraph kinds are written by name (["body","caption",…]); bodies and
// bundles written before that hold them as base64 bytes of the enum, and
// must still read without a migration.

func TestBody_JSON_kindNames(t *testing.T) {
	b := notebook.Body{Text: "Headline.\n\nA caption.\n\nText.", Kinds: []ingest.BlockKind{ingest.Heading, ingest.Caption, ingest.Body}}
	got, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"kinds":["heading","caption","body"]`; !bytes.Contains(got, []byte(want)) {
		t.Errorf("json.Marshal(Body) = %s, want it to contain %s", got, want)
	}
}

func TestBody_JSON_oldForm(t *testing.T) {
	// "AQMA" is base64 of the bytes 1, 3, 0: heading, caption, body.
	var b notebook.Body
	if err := json.Unmarshal([]byte(`{"text":"Headline.\n\nA caption.\n\nText.","kinds":"AQMA"}`), &b); err != nil {
		t.Fatal(err)
	}
	if want := []ingest.BlockKind{ingest.Heading, ingest.Caption, ingest.Body}; !reflect.DeepEqual(b.Kinds, want) {
		t.Errorf("kinds %v, want %v", b.Kinds, want)
	}
}

func TestNotebook_WriteBundle_kindNames(t *testing.T) {
	nb, _ := bundleNB(t)
	if _, err := nb.AddArticle(ingest.Draft{Title: "Kinds", Text: "A caption under a photo.\n\nThe text of the piece.",
		Kinds: []ingest.BlockKind{ingest.Caption, ingest.Body}, MediaType: "text/html"}); err != nil {
		t.Fatal(err)
	}
	if got, want := bundleOf(t, nb), `"kinds":["caption","body"]`; !bytes.Contains(got, []byte(want)) {
		t.Errorf("bundle lacks %s:\n%s", want, got)
	}
}

func TestNotebook_MergeBundle_oldKinds(t *testing.T) {
	var g ids
	text := "A caption under a photo.\n\nThe text of the piece."
	r := newRec(g.next(), "Old bundle", text, "")
	r.Body.Kinds = []ingest.BlockKind{ingest.Caption, ingest.Body}
	data := bundleJSON(t, []rec{r}, nil, nil)
	// Write the kinds as a bundle from before kind names did.
	named := []byte(`"kinds":["caption","body"]`)
	if !bytes.Contains(data, named) {
		t.Fatalf("bundle lacks %s", named)
	}
	data = bytes.Replace(data, named, []byte(`"kinds":"AwA="`), 1)
	nb, _ := bundleNB(t)
	if rep := merge(t, nb, data); rep.ArticlesAdded != 1 || rep.Refused != 0 {
		t.Fatalf("merge: %+v", rep)
	}
	body, err := nb.Text(r.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []ingest.BlockKind{ingest.Caption, ingest.Body}; !reflect.DeepEqual(body.Kinds, want) {
		t.Errorf("kinds %v, want %v", body.Kinds, want)
	}
	checkClean(t, nb)
}
