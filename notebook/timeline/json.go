package timeline

import (
	"encoding/json"
	"fmt"
	"io"
)

// jsonItem is one entry of WriteJSON, its fields in output order.
type jsonItem struct {
	AnnotationID string `json:"annotation_id"`
	ArticleID    string `json:"article_id"`
	Quote        string `json:"quote"`
	Start        string `json:"start"`
	End          string `json:"end,omitempty"`
	Precision    string `json:"precision"`
	Evidence     string `json:"evidence"`
	Relative     bool   `json:"relative"`
	UserSet      bool   `json:"user_set"`
	Published    string `json:"published,omitempty"`
}

// WriteJSON writes items as a JSON array, one object per dated highlight
// with the keys annotation_id, article_id, quote, start, end (left out for
// an open period), precision, evidence, relative, user_set and published
// (left out when unknown), in that order; dates are YYYY-MM-DD. Items are
// written in the order given.
func WriteJSON(w io.Writer, items []Item) error {
	out := make([]jsonItem, len(items))
	for i := range items {
		it := &items[i]
		out[i] = jsonItem{
			AnnotationID: it.ID, ArticleID: it.ArticleID, Quote: it.Quote,
			Start: dateText(it.Start), Precision: it.Precision, Evidence: it.Evidence,
			Relative: it.Relative, UserSet: it.UserSet,
		}
		if !it.open() {
			out[i].End = dateText(it.End)
		}
		if it.PubKnown {
			out[i].Published = dateText(it.Published)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write timeline JSON: %w", err)
	}
	return nil
}
