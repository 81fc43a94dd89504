package notebook

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/anchor"
	"github.com/glossnotes/gloss/notebook/annotin"
)

// AnnotationImport reports what ImportAnnotations did with one file.
type AnnotationImport struct {
	File    string `json:"file"`
	Format  string `json:"format"`
	Records int    `json:"records"`
	// Matched records found their article: Anchored where the quote is,
	// Moved where it was found with small differences, Orphaned (kept
	// with their quote and note) where it was not found at all.
	Matched  int `json:"matched"`
	Anchored int `json:"anchored"`
	Moved    int `json:"moved"`
	Orphaned int `json:"orphaned"`
	// Pending records have no article in the notebook yet; they attach
	// themselves when it is imported (see PendingAnnotation).
	Pending int `json:"pending"`
	// Skipped records were imported before (same source and ID), or are
	// Gloss annotations already in this notebook.
	Skipped int `json:"skipped"`
	// Articles lists the articles that received annotations.
	Articles []string `json:"articles,omitempty"`
	// Warnings says what was dropped or changed (a tag that is not a tag
	// name), at most maxImportWarnings lines.
	Warnings []string `json:"warnings,omitempty"`
}

// maxImportWarnings bounds the warnings of one import.
const maxImportWarnings = 20

// maxBodyCache is how many article texts one import keeps at once.
const maxBodyCache = 32

// importRun is one ImportAnnotations transaction.
type importRun struct {
	n      *Notebook
	tx     Tx
	c      *Change
	rep    *AnnotationImport
	now    time.Time
	bodies map[string]string
	seen   map[string]bool // articles that received annotations
	warned int
}

func (r *importRun) warn(format string, args ...any) {
	r.warned++
	switch {
	case r.warned <= maxImportWarnings:
		r.rep.Warnings = append(r.rep.Warnings, fmt.Sprintf(format, args...))
	case r.warned == maxImportWarnings+1:
		r.rep.Warnings = append(r.rep.Warnings, "more warnings not listed")
	}
}

// ImportAnnotations adds annotations read from another tool's export
// (package annotin) in one transaction: all of them or, on an error,
// none. file names the input in the report and on pending annotations.
//
// Each record is matched to an article: a Gloss export's
// urn:gloss:article:ID names it directly; otherwise the article whose URL
// is the record's once both are normalised (annotin.NormalizeURL), else
// the article with exactly the record's title. The quote is then anchored
// in the article's text with package anchor (quote, prefix and suffix,
// the source's position as a hint); a quote that is not found makes an
// orphaned annotation that keeps the quote and note. A record with no
// article becomes a PendingAnnotation. Notes, tags, colours and dates are
// kept. A record imported before (the same source and ID) is skipped, so
// importing a file twice changes nothing; a Gloss annotation keeps its ID
// when the notebook has no record with that ID.
func (n *Notebook) ImportAnnotations(file string, kind annotin.Kind, recs []annotin.Record) (AnnotationImport, error) {
	rep := AnnotationImport{File: file, Format: string(kind), Records: len(recs)}
	err := n.update(func(tx Tx, c *Change) error {
		rep = AnnotationImport{File: file, Format: string(kind), Records: len(recs)}
		r := &importRun{n: n, tx: tx, c: c, rep: &rep, now: n.now(), bodies: map[string]string{}, seen: map[string]bool{}}
		for i, rec := range recs {
			if err := r.record(i+1, kind, rec); err != nil {
				return fmt.Errorf("import annotations from %s: record %d: %w", file, i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return AnnotationImport{}, err
	}
	return rep, nil
}

// record imports one record.
func (r *importRun) record(num int, kind annotin.Kind, rec annotin.Record) error {
	tx := r.tx
	if rec.SourceID == "" {
		return invalidf("the record has no ID")
	}
	sk := SourceKey(string(kind), rec.SourceID)
	if _, ok, err := tx.ImportedSource(sk); err != nil {
		return err
	} else if ok {
		r.rep.Skipped++
		return nil
	}
	glossID, isGloss := annotin.AnnotationURNID(rec.SourceID)
	if isGloss {
		if _, err := tx.Annotation(glossID); err == nil {
			r.rep.Skipped++ // exported from this notebook: already here
			return tx.PutImportedSource(sk, glossID)
		}
	}
	p, err := r.pendingFrom(num, kind, rec)
	if err != nil {
		return err
	}
	if p.ID, err = r.newID(glossID, isGloss); err != nil {
		return err
	}
	artID, err := articleFor(tx, p.URL, p.Title)
	if err != nil {
		return err
	}
	if artID == "" {
		r.rep.Pending++
		r.c.Pending = true
		if err := tx.PutPending(p); err != nil {
			return err
		}
		return tx.PutImportedSource(sk, p.ID)
	}
	text, err := r.body(artID)
	if err != nil {
		return err
	}
	a, err := r.n.annotationFromPending(tx, p, artID, text)
	if err != nil {
		return err
	}
	r.count(a)
	r.c.Annotations = append(r.c.Annotations, a.ID)
	r.c.Tags = r.c.Tags || len(a.Tags) > 0
	if !r.seen[artID] {
		r.seen[artID] = true
		r.rep.Articles = append(r.rep.Articles, artID)
	}
	if err := tx.PutAnnotation(a); err != nil {
		return err
	}
	return tx.PutImportedSource(sk, a.ID)
}

// count adds an annotation to the report's counts.
func (r *importRun) count(a Annotation) {
	r.rep.Matched++
	switch a.Status {
	case Anchored:
		r.rep.Anchored++
	case Moved:
		r.rep.Moved++
	default:
		r.rep.Orphaned++
	}
}

// newID is the ID of an imported record: a Gloss annotation's own ID when
// no record of the notebook has it, else a new one.
func (r *importRun) newID(glossID string, isGloss bool) (string, error) {
	if !isGloss || checkULID(glossID) != nil {
		return r.n.newID(), nil
	}
	if _, err := r.tx.Article(glossID); err == nil {
		return r.n.newID(), nil
	}
	if _, err := r.tx.Trash(glossID); err == nil {
		return r.n.newID(), nil
	}
	if _, err := r.tx.PendingAnnotation(glossID); err == nil {
		return r.n.newID(), nil
	}
	return glossID, nil
}

// body returns an article's text, keeping a few in memory.
func (r *importRun) body(id string) (string, error) {
	if t, ok := r.bodies[id]; ok {
		return t, nil
	}
	b, err := r.tx.Body(id)
	if err != nil {
		return "", err
	}
	if len(r.bodies) >= maxBodyCache {
		clear(r.bodies)
	}
	r.bodies[id] = b.Text
	return b.Text, nil
}

// articleFor finds the article of an imported record: by
// urn:gloss:article:ID, else by normalised URL, else by exact title;
// "" when there is none.
func articleFor(tx Tx, url, title string) (string, error) {
	if id, ok := annotin.ArticleURNID(url); ok {
		if _, err := tx.Article(id); err == nil {
			return id, nil
		}
	}
	for _, k := range []string{urlMatchKey(url), titleMatchKey(title)} {
		if k == "" {
			continue
		}
		ids, err := tx.ArticlesByMatch(k)
		if err != nil {
			return "", err
		}
		if len(ids) > 0 {
			return ids[0], nil
		}
	}
	return "", nil
}

// pendingFrom checks and cleans a record into a pending annotation (ID
// not set): single-line fields and notes are cleaned as the service's own
// methods clean them, the quote and its context lose control characters,
// tags that are not tag names are dropped with a warning.
func (r *importRun) pendingFrom(num int, kind annotin.Kind, rec annotin.Record) (PendingAnnotation, error) {
	p := PendingAnnotation{
		Source: string(kind), SourceID: rec.SourceID, File: r.rep.File, Imported: r.now,
		Start: rec.Start, End: rec.End, HasPos: rec.HasPos && rec.Start >= 0 && rec.End >= rec.Start,
		Created: rec.Created.UTC(), Updated: rec.Updated.UTC(),
	}
	if !p.HasPos {
		p.Start, p.End = 0, 0
	}
	var err error
	for _, f := range []struct {
		what     string
		dst, src *string
	}{{"the URL", &p.URL, &rec.URL}, {"the title", &p.Title, &rec.Title}, {"the author", &p.Author, &rec.Author}, {"the user", &p.User, &rec.User}} {
		if *f.dst, err = cleanLine(f.what, *f.src); err != nil {
			return p, err
		}
	}
	if p.Note, err = cleanNote("the note", rec.Note); err != nil {
		return p, err
	}
	p.Quote = cleanQuote(rec.Quote, 0)
	if len(p.Quote) > MaxTextBytes {
		return p, invalidf("the quote is %d bytes long", len(p.Quote))
	}
	p.Prefix = cleanQuote(rec.Prefix, -maxContextBytes)
	p.Suffix = cleanQuote(rec.Suffix, maxContextBytes)
	if p.Color, err = ParseColor(rec.Color); err != nil {
		r.warn("record %d: %v (yellow instead)", num, err)
		p.Color = Yellow
	}
	for _, t := range rec.Tags {
		clean, err := CleanTag(t)
		if err != nil {
			r.warn("record %d: %v: tag dropped", num, err)
			continue
		}
		if len(p.Tags) >= MaxTagsPerItem {
			r.warn("record %d: more than %d tags: the rest dropped", num, MaxTagsPerItem)
			break
		}
		p.Tags = append(p.Tags, clean)
	}
	if p.Created.IsZero() {
		p.Created = r.now
	}
	if p.Updated.IsZero() || p.Updated.Before(p.Created) {
		p.Updated = p.Created
	}
	return p, nil
}

// cleanQuote removes control characters other than tab and line feed
// (and invalid UTF-8) from a quote or its context. keep > 0 keeps at most
// that many bytes from the start, keep < 0 at most -keep bytes from the
// end, on rune boundaries.
func cleanQuote(s string, keep int) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r) || isBidiOverride(r):
			return -1
		}
		return r
	}, s)
	switch {
	case keep > 0 && len(s) > keep:
		i := keep
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i]
	case keep < 0 && len(s) > -keep:
		i := len(s) + keep
		for i < len(s) && !utf8.RuneStart(s[i]) {
			i++
		}
		s = s[i:]
	}
	return s
}

// annotationFromPending anchors a pending annotation in an article's
// text: where the quote is (Anchored), where it was found with small
// differences (Moved: the source's quote is kept in History), or orphaned
// with its quote and note when it is not found or has no quote (a note on
// the whole page).
func (n *Notebook) annotationFromPending(tx Tx, p PendingAnnotation, articleID, text string) (Annotation, error) {
	tags, err := canonicalTags(tx, p.Tags)
	if err != nil {
		return Annotation{}, err
	}
	a := Annotation{
		ID: p.ID, ArticleID: articleID, Color: p.Color, Note: p.Note, Tags: tags,
		Created: p.Created, Updated: p.Updated,
		Quote: p.Quote, Prefix: p.Prefix, Suffix: p.Suffix, Status: Orphaned,
	}
	if a.Color == "" {
		a.Color = Yellow
	}
	if strings.TrimSpace(p.Quote) == "" {
		return a, nil
	}
	t := anchor.Target{Start: -1, End: -1, Exact: p.Quote, Prefix: p.Prefix, Suffix: p.Suffix}
	if p.HasPos {
		// Code points in the W3C model and Gloss; UTF-16 units of the
		// page in Hypothesis: a hint either way.
		t.Start, t.End = anchor.ByteOffset(text, p.Start), anchor.ByteOffset(text, p.End)
	}
	res := anchor.Reattach(text, t)
	if res.Status == anchor.Orphaned {
		return a, nil
	}
	setTarget(&a, text, anchor.NewTarget(text, res.Start, res.End))
	a.Status = Anchored
	if res.Status == anchor.Moved {
		a.Status = Moved
		if a.Quote != p.Quote {
			a.History = []AnchorChange{{Start: p.Start, End: p.End, Quote: p.Quote, Status: Orphaned, Changed: n.now(), Reason: "import"}}
		}
	}
	return a, nil
}

// attachPending attaches the pending annotations that match a new
// article (its normalised URL, else its title) to it, in the caller's
// transaction, and returns how many it attached.
func (n *Notebook) attachPending(tx Tx, c *Change, a Article, text string) (int, error) {
	var ids []string
	seen := map[string]bool{}
	for _, k := range []string{urlMatchKey(a.URL), titleMatchKey(a.Title)} {
		if k == "" {
			continue
		}
		got, err := tx.PendingByMatch(k)
		if err != nil {
			return 0, err
		}
		for _, id := range got {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	for _, id := range ids {
		p, err := tx.PendingAnnotation(id)
		if err != nil {
			return 0, err
		}
		ann, err := n.annotationFromPending(tx, p, a.ID, text)
		if err != nil {
			return 0, fmt.Errorf("attach pending annotation %s: %w", id, err)
		}
		if err := tx.DeletePending(id); err != nil {
			return 0, err
		}
		if err := tx.PutAnnotation(ann); err != nil {
			return 0, err
		}
		c.Pending = true
		c.Annotations = append(c.Annotations, ann.ID)
		c.Tags = c.Tags || len(ann.Tags) > 0
	}
	return len(ids), nil
}
