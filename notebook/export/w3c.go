package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"time"
)

// AnnoContext is the JSON-LD context of the W3C Web Annotation model.
const AnnoContext = "http://www.w3.org/ns/anno.jsonld"

// ArticleURN is the target source of an article without a URL.
func ArticleURN(id string) string { return "urn:gloss:article:" + id }

// AnnotationURN is an annotation's id in the JSON export.
func AnnotationURN(id string) string { return "urn:gloss:annotation:" + id }

// w3cAnnotation is one annotation in the W3C Web Annotation model.
type w3cAnnotation struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Created    string    `json:"created,omitempty"`
	Creator    *w3cAgent `json:"creator,omitempty"`
	Modified   string    `json:"modified,omitempty"`
	Body       []w3cBody `json:"body,omitempty"`
	Target     w3cTarget `json:"target"`
	// Color is the highlight's colour name (Gloss's extension, read back
	// by package annotin).
	Color string `json:"gloss:color,omitempty"`
	// Status is "orphaned" for an annotation whose position is unknown
	// (it then has no TextPositionSelector).
	Status string `json:"gloss:status,omitempty"`
}

// w3cAgent is the person who made an annotation.
type w3cAgent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type w3cBody struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Purpose string `json:"purpose"`
	Format  string `json:"format,omitempty"`
}

type w3cTarget struct {
	Source   string        `json:"source"`
	Title    string        `json:"title,omitempty"`
	Selector []w3cSelector `json:"selector"`
}

// w3cSelector is a TextQuoteSelector or a TextPositionSelector (offsets in
// code points, as the model requires).
type w3cSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

func w3cTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func toW3C(a *Article, e *Excerpt) w3cAnnotation {
	out := w3cAnnotation{
		ID: AnnotationURN(e.ID), Type: "Annotation", Motivation: "highlighting",
		Created: w3cTime(e.Created), Modified: w3cTime(e.Updated), Color: e.Color,
	}
	if e.Creator != "" {
		out.Creator = &w3cAgent{Type: "Person", Name: e.Creator}
	}
	if e.Note != "" {
		out.Motivation = "commenting"
		out.Body = append(out.Body, w3cBody{Type: "TextualBody", Value: e.Note, Purpose: "commenting", Format: "text/markdown"})
	}
	for _, t := range e.Tags {
		out.Body = append(out.Body, w3cBody{Type: "TextualBody", Value: t.Name, Purpose: "tagging"})
	}
	out.Target = w3cTarget{Source: a.URL, Title: a.Title}
	if out.Target.Source == "" {
		out.Target.Source = ArticleURN(a.ID)
	}
	out.Target.Selector = append(out.Target.Selector, w3cSelector{Type: "TextQuoteSelector", Exact: e.Quote, Prefix: e.Prefix, Suffix: e.Suffix})
	if e.Paragraph > 0 { // a known position
		start, end := e.Start, e.End
		out.Target.Selector = append(out.Target.Selector, w3cSelector{Type: "TextPositionSelector", Start: &start, End: &end})
	}
	if e.Orphaned {
		out.Status = "orphaned"
	}
	return out
}

// writeJSON writes a W3C Web Annotation AnnotationCollection (JSON-LD)
// whose first page holds every annotation. It streams: the total comes
// last.
func writeJSON(w io.Writer, items iter.Seq2[Item, error], opt Options) error {
	exported := opt.Now.Format(time.RFC3339)
	head := map[string]any{
		"@context":  []any{AnnoContext, map[string]string{"gloss": "urn:gloss:vocab#"}},
		"id":        "urn:gloss:export:" + exported,
		"type":      "AnnotationCollection",
		"label":     opt.Title,
		"generated": exported,
	}
	hb, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return err
	}
	// Open the object again after its last field to add the page.
	io.WriteString(w, string(bytes.TrimSuffix(hb, []byte("\n}")))+",\n")
	fmt.Fprintf(w, "  \"first\": {\n    \"id\": %q,\n    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n    \"items\": [", "urn:gloss:export:"+exported+":page:1")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("      ", "  ")
	var streamErr error
	total := 0
	for a := range articles(items, opt, &streamErr) {
		for _, e := range a.Excerpts {
			buf.Reset()
			if err := enc.Encode(toW3C(a, e)); err != nil {
				return fmt.Errorf("annotation %s: %w", e.ID, err)
			}
			sep := ",\n      "
			if total == 0 {
				sep = "\n      "
			}
			io.WriteString(w, sep)
			if _, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))); err != nil {
				return err
			}
			total++
		}
	}
	if streamErr != nil {
		return streamErr
	}
	if total > 0 {
		io.WriteString(w, "\n    ")
	}
	_, err = fmt.Fprintf(w, "]\n  },\n  \"total\": %d\n}\n", total)
	return err
}
