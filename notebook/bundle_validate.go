package notebook

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// BundleError is a bundle refused because of one record: which, where,
// and what is wrong with it. It wraps ErrInvalid.
type BundleError struct {
	Section string // "articles", "tags" or "trash"
	Record  int    // the record's number in its section, from 1
	Offset  int64  // the record's first byte in the decompressed bundle
	ID      string // the record's ID (a tag's name), when it has one
	Err     error  // what is wrong
}

// Error names the record and says what is wrong with it.
func (e *BundleError) Error() string {
	id := ""
	if e.ID != "" {
		id = " " + quoteShort(e.ID)
	}
	return fmt.Sprintf("%s: %s record #%d%s at byte %d: %v", ErrInvalid, e.Section, e.Record, id, e.Offset, e.Err)
}

// Unwrap returns ErrInvalid and the cause.
func (e *BundleError) Unwrap() []error { return []error{ErrInvalid, e.Err} }

// validate checks an article record of a bundle on its own: every field by
// the rules in validate.go, and the record's consistency (the text against
// its SHA-256 and length, versions against theirs, annotations within the
// text and on this article, IDs in order and unique).
func (b *bundleArticle) validate() error {
	a := &b.Article
	if err := checkULID(a.ID); err != nil {
		return fmt.Errorf("article %w", err)
	}
	if err := checkArticleFields(a); err != nil {
		return err
	}
	if err := checkBody("text", b.Body); err != nil {
		return err
	}
	if hashText(b.Body.Text) != a.TextHash {
		return fmt.Errorf("text does not match its SHA-256 %s", quoteShort(a.TextHash))
	}
	chars := utf8.RuneCountInString(b.Body.Text)
	if a.Chars != chars {
		return fmt.Errorf("records %d characters but its text has %d", a.Chars, chars)
	}
	if s := b.Source; s != nil {
		if err := checkSource(s); err != nil {
			return err
		}
	}
	if err := checkVersions(a, b.Versions); err != nil {
		return err
	}
	prev := ""
	for i := range b.Annotations {
		an := &b.Annotations[i]
		if err := checkAnnotation(an, a.ID, chars); err != nil {
			return fmt.Errorf("annotation #%d: %w", i+1, err)
		}
		if an.ID <= prev {
			return fmt.Errorf("annotation %s comes after %s (annotations must be in ID order, each once)", an.ID, prev)
		}
		prev = an.ID
	}
	return nil
}

// checkArticleFields checks an article's own fields (not its text).
func checkArticleFields(a *Article) error {
	if a.Title == "" {
		return errors.New("the title is empty")
	}
	for _, f := range []struct{ what, v string }{
		{"title", a.Title}, {"byline", a.Byline}, {"outlet", a.Outlet}, {"URL", a.URL},
		{"language", a.Language}, {"citation key", a.CiteKey}, {"media type", a.MediaType},
		{"creator", a.Creator},
	} {
		if err := checkLine(f.what, f.v); err != nil {
			return err
		}
	}
	if err := checkNote("article note", a.Note); err != nil {
		return err
	}
	if err := checkTags(a.Tags); err != nil {
		return err
	}
	if a.Version < 1 || a.Version > maxVersionNumber {
		return fmt.Errorf("version number %d is not 1–%d", a.Version, maxVersionNumber)
	}
	return nil
}

// checkBody checks a text and its paragraph kinds.
func checkBody(what string, b Body) error {
	if err := checkText(what, b.Text); err != nil {
		return err
	}
	return checkKinds(what, b.Kinds, b.Text)
}

func checkSource(s *Source) error {
	if len(s.Data) > MaxSourceBytes {
		return fmt.Errorf("source is %d bytes (at most %d)", len(s.Data), MaxSourceBytes)
	}
	if err := checkLine("source name", s.Name); err != nil {
		return err
	}
	return checkLine("source media type", s.MediaType)
}

// checkVersions checks an article's earlier texts: numbers in order, each
// once, below maxVersionNumber (so that the article's own number can be
// above them); texts valid and matching their hashes.
// A number at or above the article's own is accepted (the merge renumbers
// the article above them).
func checkVersions(a *Article, vs []Version) error {
	prev := 0
	for _, v := range vs {
		what := fmt.Sprintf("version %d", v.Number)
		if v.Number <= prev || v.Number >= maxVersionNumber {
			return fmt.Errorf("%s: numbers must be 1–%d, in order, each once", what, maxVersionNumber-1)
		}
		prev = v.Number
		if err := checkBody(what, v.Body); err != nil {
			return err
		}
		if hashText(v.Body.Text) != v.TextHash {
			return fmt.Errorf("%s: text does not match its SHA-256 %s", what, quoteShort(v.TextHash))
		}
		if v.Saved.IsZero() {
			return fmt.Errorf("%s: saved time is missing", what)
		}
		if err := checkLine(what+" reason", v.Reason); err != nil {
			return err
		}
	}
	return nil
}

// checkTags checks that every tag name is one CleanTag accepts (the merge
// stores the clean, canonical spelling).
func checkTags(tags []string) error {
	for _, t := range tags {
		if len(t) > MaxLineBytes {
			return fmt.Errorf("a tag name is %d bytes long (at most %d)", len(t), MaxLineBytes)
		}
		if _, err := CleanTag(t); err != nil {
			return err
		}
	}
	return nil
}

// checkAnnotation checks an annotation on article articleID (any article
// when "") whose text has chars code points (unknown when < 0).
func checkAnnotation(an *Annotation, articleID string, chars int) error {
	if err := checkULID(an.ID); err != nil {
		return err
	}
	switch {
	case articleID != "" && an.ArticleID != articleID:
		return fmt.Errorf("%s belongs to article %s, not %s", an.ID, quoteShort(an.ArticleID), articleID)
	case an.ID == an.ArticleID:
		return fmt.Errorf("%s has its article's ID", an.ID)
	}
	if err := checkULID(an.ArticleID); err != nil {
		return fmt.Errorf("article %w", err)
	}
	if err := checkStatus("status", an.Status); err != nil {
		return err
	}
	if err := checkColor("colour", an.Color); err != nil {
		return err
	}
	if err := checkPassage(an.Start, an.End, an.Status, chars); err != nil {
		return err
	}
	if err := checkTextChars("quote", an.Quote, MaxTextBytes); err != nil {
		return err
	}
	if err := checkTextChars("prefix", an.Prefix, maxContextBytes); err != nil {
		return err
	}
	if err := checkTextChars("suffix", an.Suffix, maxContextBytes); err != nil {
		return err
	}
	if err := checkNote("note", an.Note); err != nil {
		return err
	}
	if err := checkTags(an.Tags); err != nil {
		return err
	}
	if err := checkLine("creator", an.Creator); err != nil {
		return err
	}
	if err := checkUserEvent(an.UserEvent); err != nil {
		return err
	}
	for i, h := range an.History {
		what := fmt.Sprintf("history entry %d", i+1)
		if err := checkStatus(what+" status", h.Status); err != nil {
			return err
		}
		if h.Start < 0 || h.End < h.Start {
			return fmt.Errorf("%s: passage %d–%d is not a passage", what, h.Start, h.End)
		}
		if h.Version < 0 || h.Version > maxVersionNumber {
			return fmt.Errorf("%s: version %d", what, h.Version)
		}
		if err := checkTextChars(what+" quote", h.Quote, MaxTextBytes); err != nil {
			return err
		}
		if err := checkLine(what+" reason", h.Reason); err != nil {
			return err
		}
		if err := checkTextChars(what+" prefix", h.Prefix, maxContextBytes); err != nil {
			return err
		}
		if err := checkTextChars(what+" suffix", h.Suffix, maxContextBytes); err != nil {
			return err
		}
	}
	return nil
}

// checkUserEvent checks an event date set by hand: cleared, or a day,
// month or year range as SetEvent stores it.
func checkUserEvent(u *UserEvent) error {
	if u == nil || u.Cleared && u.Start == "" && u.End == "" && u.Precision == "" {
		return nil
	}
	bad := func() error {
		return fmt.Errorf("event date %s..%s (%s) is not one Gloss stores", quoteShort(u.Start), quoteShort(u.End), quoteShort(u.Precision))
	}
	if u.Cleared {
		return bad()
	}
	start, err1 := time.Parse(time.DateOnly, u.Start)
	end, err2 := time.Parse(time.DateOnly, u.End)
	if err1 != nil || err2 != nil || end.Before(start) || start.Year() < 1000 || end.Year() > 9999 {
		return bad()
	}
	switch u.Precision {
	case "day", "month", "year":
		return nil
	}
	return bad()
}

// checkPassage checks an annotation's offsets: a non-empty passage within
// the text, or for an orphan any span within it (usually 0–0).
func checkPassage(start, end int, st Status, chars int) error {
	bad := start < 0 || end < start || st != Orphaned && start == end || chars >= 0 && end > chars
	if !bad {
		return nil
	}
	if chars >= 0 {
		return fmt.Errorf("passage %d–%d is not within the text (0–%d)", start, end, chars)
	}
	return fmt.Errorf("passage %d–%d is not a passage", start, end)
}

// validateTrashEntry checks a trash entry of a bundle: a known kind, and a payload
// that restore can use (an article entry is checked as an article record,
// an annotation entry holds exactly that annotation).
func validateTrashEntry(e *TrashEntry) error {
	if err := checkULID(e.ID); err != nil {
		return err
	}
	if e.Deleted.IsZero() {
		return errors.New("no deletion time")
	}
	if err := checkLine("title", e.Title); err != nil {
		return err
	}
	switch e.Kind {
	case TrashArticle:
		if e.Article == nil || e.Body == nil {
			return errors.New("article entry without its article or text")
		}
		if e.Article.ID != e.ID {
			return fmt.Errorf("holds article %s", quoteShort(e.Article.ID))
		}
		b := bundleArticle{Article: *e.Article, Body: *e.Body, Source: e.Source, Versions: e.Versions, Annotations: e.Annotations}
		return b.validate()
	case TrashAnnotation:
		if e.Article != nil || e.Body != nil || e.Source != nil || len(e.Versions) > 0 {
			return errors.New("annotation entry with an article's record")
		}
		if len(e.Annotations) != 1 || e.Annotations[0].ID != e.ID {
			return errors.New("annotation entry does not hold exactly that annotation")
		}
		return checkAnnotation(&e.Annotations[0], "", -1)
	}
	return fmt.Errorf("unknown kind %s (want article or annotation)", quoteShort(e.Kind))
}

// validateTag checks a tag record of a bundle.
func validateTag(t *Tag) error {
	if err := checkTags([]string{t.Name}); err != nil {
		return err
	}
	return checkColor("colour", Color(t.Color))
}
