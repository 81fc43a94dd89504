package notebook

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/anchor"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// AnchorChange is one entry of an annotation's history: where it was, and
// what it quoted, before it was moved or re-attached.
type AnchorChange struct {
	Version int       `json:"version"` // the article version the old anchor belonged to
	Start   int       `json:"start"`
	End     int       `json:"end"`
	Quote   string    `json:"quote"`
	Status  Status    `json:"status"`
	Changed time.Time `json:"changed"`
	Reason  string    `json:"reason"` // "edit", "reimport" or "manual"
	// Prefix and Suffix are the old anchor's context (kept by a manual
	// re-attach, so that UndoReattach can put it back).
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// ReattachItem is one moved or orphaned annotation in a ReattachReport.
type ReattachItem struct {
	ID       string  `json:"id"`
	OldQuote string  `json:"old_quote"`
	NewQuote string  `json:"new_quote,omitempty"`
	Score    float64 `json:"score"`
	Note     string  `json:"note,omitempty"`
}

// ReattachReport says what happened to an article's annotations when its
// text changed.
type ReattachReport struct {
	ArticleID string         `json:"article_id"`
	Version   int            `json:"version"` // the new version number
	Anchored  int            `json:"anchored"`
	Moved     []ReattachItem `json:"moved"`
	Orphaned  []ReattachItem `json:"orphaned"`
}

// EditText replaces an article's text with a new version. The old text is
// kept as a version, every annotation is re-attached to the new text (see
// package anchor) and the report lists what moved and what is orphaned.
// The whole edit is one transaction. The text is checked and normalised
// here as a .txt import is (UTF-8, line ends, one blank line between
// paragraphs; see ingest.Text), so callers pass what the user gave; a text
// that is empty, binary or not UTF-8 is refused with ErrInvalid.
func (n *Notebook) EditText(id, text string) (ReattachReport, error) {
	clean, err := ingest.Text("the new text", []byte(text))
	if err != nil {
		return ReattachReport{}, fmt.Errorf("article %s: %w: %w", id, ErrInvalid, err)
	}
	text = clean
	var rep ReattachReport
	err = n.update(func(tx Tx, c *Change) error {
		a, err := tx.Article(id)
		if err != nil {
			return err
		}
		rep, err = n.newVersion(tx, c, a, ingest.Draft{Text: text}, "edit")
		return err
	})
	return rep, err
}

// newVersion stores d's text as the next version of article a and
// re-attaches its annotations. For a re-import, metadata the draft has and
// the article lacks is filled in.
func (n *Notebook) newVersion(tx Tx, c *Change, a Article, d ingest.Draft, reason string) (ReattachReport, error) {
	text := d.Text
	if strings.TrimSpace(text) == "" || !utf8.ValidString(text) {
		return ReattachReport{}, invalidf("article %s: the new text is empty or not valid UTF-8", a.ID)
	}
	hash := hashText(text)
	if hash == a.TextHash {
		return ReattachReport{}, invalidf("article %s: the new text is the same as the current one", a.ID)
	}
	if other, ok, err := tx.ArticleByHash(hash); err != nil {
		return ReattachReport{}, err
	} else if ok {
		return ReattachReport{}, invalidf("article %s already has this text", other)
	}
	old, err := tx.Body(a.ID)
	if err != nil {
		return ReattachReport{}, err
	}
	now := n.now()
	if err := tx.PutVersion(a.ID, Version{Number: a.Version, Saved: now.Truncate(time.Second), TextHash: a.TextHash, Body: old, Reason: reason}); err != nil {
		return ReattachReport{}, err
	}
	kinds := d.Kinds
	if kinds == nil {
		kinds = carryKinds(old, text)
	}
	if err := tx.PutBody(a.ID, Body{Text: text, Kinds: kinds}); err != nil {
		return ReattachReport{}, err
	}
	if reason == "reimport" {
		fill := func(dst *string, v string) {
			if *dst == "" {
				*dst = strings.TrimSpace(v)
			}
		}
		fill(&a.Byline, d.Byline)
		fill(&a.Outlet, d.Outlet)
		fill(&a.Language, d.Language)
		if a.Published.IsZero() {
			a.Published = DateOf(d.Published)
		}
		if len(d.Source) > 0 {
			if err := tx.PutSource(a.ID, Source{Name: d.Title, MediaType: d.MediaType, Data: d.Source}); err != nil {
				return ReattachReport{}, err
			}
		}
	}
	oldVersion := a.Version
	a.Version++
	a.TextHash = hash
	a.Chars = utf8.RuneCountInString(text)
	a.Updated = now
	if err := tx.PutArticle(a); err != nil {
		return ReattachReport{}, err
	}
	c.Articles = append(c.Articles, a.ID)

	anns, err := tx.AnnotationsOf(a.ID)
	if err != nil {
		return ReattachReport{}, err
	}
	rep := ReattachReport{ArticleID: a.ID, Version: a.Version, Moved: []ReattachItem{}, Orphaned: []ReattachItem{}}
	oldQuotes := make([]string, len(anns))
	for i, an := range anns {
		oldQuotes[i] = an.Quote
	}
	results := reanchor(old.Text, text, anns, oldVersion, reason, now)
	for i, an := range anns {
		item := ReattachItem{ID: an.ID, OldQuote: oldQuotes[i], Score: results[i].Score, Note: an.Note}
		switch an.Status {
		case Anchored:
			rep.Anchored++
		case Moved:
			item.NewQuote = an.Quote
			rep.Moved = append(rep.Moved, item)
		default:
			rep.Orphaned = append(rep.Orphaned, item)
		}
		an.Updated = now
		if err := tx.PutAnnotation(an); err != nil {
			return ReattachReport{}, err
		}
		c.Annotations = append(c.Annotations, an.ID)
	}
	return rep, nil
}

// reanchor moves annotations made on oldText (article version
// oldVersion) onto newText in place (see package anchor): anchored ones get
// their new position and context; moved ones also their new quote, and
// orphaned ones keep their quote with no position. The old anchor of every
// moved or newly orphaned annotation goes into its history with the reason.
// Annotations already orphaned are searched for by their quote again.
func reanchor(oldText, newText string, anns []Annotation, oldVersion int, reason string, now time.Time) []anchor.Result {
	oldOff := anchor.NewOffsets(oldText)
	targets := make([]anchor.Target, len(anns))
	for i, an := range anns {
		targets[i] = anchor.Target{Exact: an.Quote, Prefix: an.Prefix, Suffix: an.Suffix}
		if an.Status != Orphaned {
			targets[i].Start, targets[i].End = oldOff.Byte(an.Start), oldOff.Byte(an.End)
		}
	}
	results := anchor.ReattachAll(newText, targets)
	newOff := anchor.NewOffsets(newText)
	for i := range anns {
		an, r := &anns[i], results[i]
		prev := AnchorChange{Version: oldVersion, Start: an.Start, End: an.End, Quote: an.Quote, Status: an.Status, Changed: now, Reason: reason}
		if r.Status == anchor.Orphaned {
			if an.Status != Orphaned {
				an.History = append(an.History, prev)
			}
			an.Start, an.End, an.Status = 0, 0, Orphaned
			continue
		}
		t := anchor.NewTarget(newText, r.Start, r.End)
		an.Start, an.End = newOff.Rune(t.Start), newOff.Rune(t.End)
		an.Prefix, an.Suffix = t.Prefix, t.Suffix
		if r.Status == anchor.Anchored {
			// The exact quote in a similar context, perhaps shifted by edits
			// elsewhere.
			an.Status = Anchored
			continue
		}
		an.History = append(an.History, prev)
		an.Quote, an.Status = t.Exact, Moved
	}
	return results
}

// carryKinds gives the paragraphs of a new text the kinds (heading, quote,
// …) that identical paragraphs had in the old body; others are Body.
func carryKinds(old Body, text string) []ingest.BlockKind {
	if old.Kinds == nil {
		return nil
	}
	byText := map[string]ingest.BlockKind{}
	for i, p := range strings.Split(old.Text, "\n\n") {
		if i < len(old.Kinds) && old.Kinds[i] != ingest.Body {
			byText[p] = old.Kinds[i]
		}
	}
	paras := strings.Split(text, "\n\n")
	kinds := make([]ingest.BlockKind, len(paras))
	any := false
	for i, p := range paras {
		if k, ok := byText[p]; ok {
			kinds[i] = k
			any = true
		}
	}
	if !any {
		return nil
	}
	return kinds
}

// Versions lists an article's earlier texts (without their bodies), oldest
// first. The current text is the article's Version, not in this list.
func (n *Notebook) Versions(id string) ([]Version, error) {
	var out []Version
	err := n.view(func(tx Tx) error {
		if _, err := tx.Article(id); err != nil {
			return err
		}
		vs, err := tx.Versions(id)
		for _, v := range vs {
			v.Body = Body{}
			out = append(out, v)
		}
		return err
	})
	return out, err
}

// VersionText returns the text of one version of an article: an earlier one
// or the current one.
func (n *Notebook) VersionText(id string, number int) (Body, error) {
	var b Body
	err := n.view(func(tx Tx) error {
		a, err := tx.Article(id)
		if err != nil {
			return err
		}
		if number == a.Version {
			b, err = tx.Body(id)
			return err
		}
		vs, err := tx.Versions(id)
		if err != nil {
			return err
		}
		for _, v := range vs {
			if v.Number == number {
				b = v.Body
				return nil
			}
		}
		return fmt.Errorf("article %s has no version %d (versions 1–%d): %w", id, number, a.Version, ErrNotFound)
	})
	return b, err
}

// Reattach attaches an annotation (typically an orphan) by hand to a new
// passage of its article's current text, given by quote or offsets as in
// HighlightSpec (ArticleID, colour, note and tags are ignored). The old
// anchor is kept in the annotation's history.
func (n *Notebook) Reattach(annID string, spec HighlightSpec) (Annotation, error) {
	var an Annotation
	err := n.update(func(tx Tx, c *Change) error {
		var err error
		if an, err = tx.Annotation(annID); err != nil {
			return err
		}
		a, err := tx.Article(an.ArticleID)
		if err != nil {
			return err
		}
		body, err := tx.Body(an.ArticleID)
		if err != nil {
			return err
		}
		t, err := targetFor(body.Text, spec)
		if err != nil {
			return fmt.Errorf("annotation %s: %w", annID, err)
		}
		now := n.now()
		an.History = append(an.History, AnchorChange{Version: a.Version, Start: an.Start, End: an.End, Quote: an.Quote,
			Prefix: an.Prefix, Suffix: an.Suffix, Status: an.Status, Changed: now, Reason: "manual"})
		setTarget(&an, body.Text, t)
		an.Status = Anchored
		an.Updated = now
		c.Annotations = append(c.Annotations, an.ID)
		return tx.PutAnnotation(an)
	})
	return an, err
}

// UndoReattach puts back the anchor that the last manual Reattach of an
// annotation replaced (its passage, context and status, an orphan's
// included), as the app's Undo does. It is refused when the last change of
// the anchor was not a manual re-attach, or the text was edited since.
func (n *Notebook) UndoReattach(annID string) (Annotation, error) {
	var an Annotation
	err := n.update(func(tx Tx, c *Change) error {
		var err error
		if an, err = tx.Annotation(annID); err != nil {
			return err
		}
		if len(an.History) == 0 || an.History[len(an.History)-1].Reason != "manual" {
			return invalidf("annotation %s: its anchor was not re-attached by hand last", annID)
		}
		a, err := tx.Article(an.ArticleID)
		if err != nil {
			return err
		}
		last := an.History[len(an.History)-1]
		if last.Version != a.Version {
			return invalidf("annotation %s: the text was edited since it was re-attached", annID)
		}
		an.Start, an.End, an.Quote, an.Prefix, an.Suffix, an.Status = last.Start, last.End, last.Quote, last.Prefix, last.Suffix, last.Status
		an.History = an.History[:len(an.History)-1]
		an.Updated = n.now()
		c.Annotations = append(c.Annotations, an.ID)
		return tx.PutAnnotation(an)
	})
	return an, err
}
