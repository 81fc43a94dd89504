package notebook

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/anchor"
)

// HighlightSpec describes a new highlight. The passage is given either by
// code-point offsets (Start < End) or by Quote: the quote is found in the
// text tolerantly (ordinary spaces match no-break spaces and line breaks);
// Occurrence (1-based) picks one of several matches, and 0 requires the
// quote to be unique.
type HighlightSpec struct {
	ArticleID  string
	Start, End int
	Quote      string
	Occurrence int
	Color      Color // default Yellow
	Note       string
	Tags       []string
}

// ParseColor checks a colour name (case-insensitive; "grey" is accepted);
// an empty name gives Yellow.
func ParseColor(s string) (Color, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return Yellow, nil
	}
	if s == "grey" {
		s = "gray"
	}
	for _, c := range Colors {
		if string(c) == s {
			return c, nil
		}
	}
	names := make([]string, len(Colors))
	for i, c := range Colors {
		names[i] = string(c)
	}
	return "", invalidf("colour %q: want one of %s", s, strings.Join(names, ", "))
}

// Highlight creates an annotation on a passage of an article.
func (n *Notebook) Highlight(spec HighlightSpec) (Annotation, error) {
	color, err := ParseColor(string(spec.Color))
	if err != nil {
		return Annotation{}, err
	}
	note, err := cleanNote("the note", spec.Note)
	if err != nil {
		return Annotation{}, err
	}
	var a Annotation
	err = n.update(func(tx Tx, c *Change) error {
		if _, err := tx.Article(spec.ArticleID); err != nil {
			return err
		}
		body, err := tx.Body(spec.ArticleID)
		if err != nil {
			return err
		}
		t, err := targetFor(body.Text, spec)
		if err != nil {
			return fmt.Errorf("article %s: %w", spec.ArticleID, err)
		}
		tags, err := canonicalTags(tx, spec.Tags)
		if err != nil {
			return err
		}
		now := n.now()
		a = Annotation{
			ID:        n.newID(),
			ArticleID: spec.ArticleID,
			Color:     color,
			Note:      note,
			Tags:      tags,
			Status:    Anchored,
			Creator:   n.Identity(),
			Created:   now,
			Updated:   now,
		}
		setTarget(&a, body.Text, t)
		c.Annotations = append(c.Annotations, a.ID)
		c.Tags = len(tags) > 0
		return tx.PutAnnotation(a)
	})
	return a, err
}

// targetFor resolves a spec's passage to an anchor target (byte offsets).
func targetFor(text string, spec HighlightSpec) (anchor.Target, error) {
	if spec.Quote != "" {
		start, end, err := anchor.FindQuote(text, spec.Quote, spec.Occurrence)
		if err != nil {
			return anchor.Target{}, invalidf("%v", err)
		}
		return anchor.NewTarget(text, start, end), nil
	}
	chars := utf8.RuneCountInString(text)
	if spec.Start < 0 || spec.End > chars || spec.Start >= spec.End {
		return anchor.Target{}, invalidf("passage %d–%d is not within the text (0–%d)", spec.Start, spec.End, chars)
	}
	return anchor.NewTarget(text, anchor.ByteOffset(text, spec.Start), anchor.ByteOffset(text, spec.End)), nil
}

// setTarget stores an anchor target (byte offsets) on an annotation in
// code points.
func setTarget(a *Annotation, text string, t anchor.Target) {
	a.Start = anchor.RuneOffset(text, t.Start)
	a.End = anchor.RuneOffset(text, t.End)
	a.Quote, a.Prefix, a.Suffix = t.Exact, t.Prefix, t.Suffix
}

// AnnotationUpdate holds the fields of an annotation to change; nil fields
// are kept.
type AnnotationUpdate struct {
	Color *Color
	Note  *string
	Tags  *[]string
}

// EditAnnotation changes an annotation's colour, note or tags.
func (n *Notebook) EditAnnotation(id string, u AnnotationUpdate) (Annotation, error) {
	var a Annotation
	err := n.update(func(tx Tx, c *Change) error {
		var err error
		if a, err = tx.Annotation(id); err != nil {
			return err
		}
		if u.Color != nil {
			if a.Color, err = ParseColor(string(*u.Color)); err != nil {
				return err
			}
		}
		if u.Note != nil {
			if a.Note, err = cleanNote("the note", *u.Note); err != nil {
				return err
			}
		}
		if u.Tags != nil {
			if a.Tags, err = canonicalTags(tx, *u.Tags); err != nil {
				return err
			}
			c.Tags = true
		}
		a.Updated = n.now()
		c.Annotations = append(c.Annotations, id)
		return tx.PutAnnotation(a)
	})
	return a, err
}

// Annotation returns one annotation.
func (n *Notebook) Annotation(id string) (Annotation, error) {
	var a Annotation
	err := n.view(func(tx Tx) error {
		var err error
		a, err = tx.Annotation(id)
		return err
	})
	return a, err
}

// Annotations returns the annotations of one article in document order, or
// of every article (articleID "") ordered by article, then document order.
func (n *Notebook) Annotations(articleID string) ([]Annotation, error) {
	var out []Annotation
	err := n.view(func(tx Tx) error {
		if articleID != "" {
			if _, err := tx.Article(articleID); err != nil {
				return err
			}
			var err error
			out, err = tx.AnnotationsOf(articleID)
			return err
		}
		return tx.ForEachAnnotation(func(a Annotation) error {
			out = append(out, a)
			return nil
		})
	})
	SortDocumentOrder(out)
	return out, err
}

// SortDocumentOrder orders annotations by article, then position in the
// text, then creation.
func SortDocumentOrder(as []Annotation) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.ID < b.ID
	})
}

// trashAnnotation moves one annotation to the trash.
func (n *Notebook) trashAnnotation(tx Tx, c *Change, id string) (TrashEntry, error) {
	a, err := tx.Annotation(id)
	if err != nil {
		return TrashEntry{}, err
	}
	title := ""
	if art, err := tx.Article(a.ArticleID); err == nil {
		title = art.Title
	}
	if err := tx.DeleteAnnotation(id); err != nil {
		return TrashEntry{}, err
	}
	c.Annotations = append(c.Annotations, id)
	c.Tags = c.Tags || len(a.Tags) > 0
	e := TrashEntry{ID: id, Kind: TrashAnnotation, Deleted: n.now(), Title: title, Annotations: []Annotation{a}}
	return e, tx.PutTrash(e)
}
