package annotin

import (
	"encoding/json"
	"fmt"
	"strings"
)

// wAnnotation is one W3C Web Annotation in compacted JSON-LD (the fields
// read here). Body, target, selector, type, motivation and creator may each
// be one value or an array, as the model allows.
type wAnnotation struct {
	ID         string          `json:"id"`
	AtID       string          `json:"@id"`
	Type       json.RawMessage `json:"type"`
	Motivation json.RawMessage `json:"motivation"`
	Created    string          `json:"created"`
	Modified   string          `json:"modified"`
	Creator    json.RawMessage `json:"creator"`
	Body       json.RawMessage `json:"body"`
	BodyValue  string          `json:"bodyValue"`
	Target     json.RawMessage `json:"target"`
	// Gloss's own extensions (urn:gloss:vocab#).
	Color  string `json:"gloss:color"`
	Status string `json:"gloss:status"`
}

type wBody struct {
	Type    json.RawMessage `json:"type"`
	Value   string          `json:"value"`
	Purpose json.RawMessage `json:"purpose"`
	Format  string          `json:"format"`
}

type wTarget struct {
	ID       string          `json:"id"`
	Source   string          `json:"source"`
	Title    string          `json:"title"`
	Selector json.RawMessage `json:"selector"`
}

type wSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
	Start  *int64 `json:"start"`
	End    *int64 `json:"end"`
}

type wCreator struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Nickname string `json:"nickname"`
}

// parseW3C reads an AnnotationCollection (its embedded pages, first and
// next), an AnnotationPage, a single Annotation, or a bare array of
// annotations. Pages given only by reference (a URL) cannot be followed
// offline and are reported.
func (p *parser) parseW3C() error {
	all := jsonValue{raw: p.data}
	if err := p.checkJSON(); err != nil {
		return err
	}
	count := 0
	each := func(_ int, v jsonValue) error {
		count++
		return p.w3cAnnotation(count, v)
	}
	switch all.firstByte() {
	case '[':
		return p.elements(all, each)
	case '{':
		return p.w3cContainer(all, each, 0)
	}
	return p.fail(0, "", fmt.Errorf("want a JSON array or object, got %s", rawKind(p.data)))
}

// maxPages bounds the chain of embedded pages (each one nests deeper, so
// the depth limit bounds it too).
const maxPages = 1000

// w3cContainer reads a collection, a page or a single annotation.
func (p *parser) w3cContainer(v jsonValue, each func(int, jsonValue) error, pages int) error {
	if pages > maxPages {
		return p.failAt(0, v.off, "", limitErr("more than %d pages", maxPages))
	}
	f, err := p.fields(v, func(k string) bool {
		return k == "items" || k == "first" || k == "next" || k == "target" || k == "type"
	})
	if err != nil {
		return err
	}
	if _, ok := f["target"]; ok {
		if _, isPage := f["items"]; !isPage {
			return each(0, v)
		}
	}
	if items, ok := f["items"]; ok {
		if err := p.elements(items, each); err != nil {
			return err
		}
	}
	for _, k := range []string{"first", "next"} {
		page, ok := f[k]
		if !ok {
			continue
		}
		switch page.firstByte() {
		case '{':
			if err := p.w3cContainer(page, each, pages+1); err != nil {
				return err
			}
		case '"':
			var ref string
			json.Unmarshal(page.raw, &ref)
			return p.failAt(0, page.off, k, fmt.Errorf("the page %q is not embedded (Gloss reads no network); export the annotations with their pages embedded", ref))
		}
	}
	if _, ok := f["items"]; !ok && f["first"].raw == nil {
		return p.fail(0, "", fmt.Errorf("want an AnnotationCollection, an AnnotationPage or an Annotation"))
	}
	return nil
}

func (p *parser) w3cAnnotation(n int, v jsonValue) error {
	if v.firstByte() != '{' {
		return p.failAt(n, v.off, "", fmt.Errorf("want an annotation object, got %s", rawKind(v.raw)))
	}
	var a wAnnotation
	if err := json.Unmarshal(v.raw, &a); err != nil {
		return p.jsonErr(n, v.off, err)
	}
	fail := func(field string, err error) error { return p.failAt(n, v.off, field, err) }
	motivations, err := stringsOf(a.Motivation, "motivation")
	if err != nil {
		return fail("", err)
	}
	for _, m := range motivations {
		if m == "replying" || m == "oa:replying" {
			return nil // a reply to another annotation
		}
	}
	rec := Record{Source: W3C, SourceID: a.ID, Color: MapColor(a.Color)}
	if rec.SourceID == "" {
		rec.SourceID = a.AtID
	}
	if rec.Created, err = parseTime(a.Created); err != nil {
		return fail("created", err)
	}
	if rec.Updated, err = parseTime(a.Modified); err != nil {
		return fail("modified", err)
	}
	if rec.User, err = w3cCreator(a.Creator); err != nil {
		return fail("creator", err)
	}
	var notes []string
	if s := strings.TrimSpace(a.BodyValue); s != "" {
		notes = append(notes, a.BodyValue)
	}
	bodies, err := oneOrMany(a.Body)
	if err != nil {
		return fail("body", err)
	}
	for bi, raw := range bodies {
		if rawKind(raw) == "a string" {
			continue // a body given by reference
		}
		var b wBody
		if err := json.Unmarshal(raw, &b); err != nil {
			return fail(fmt.Sprintf("body[%d]", bi), fmt.Errorf("want an object or a string, got %s", rawKind(raw)))
		}
		purposes, err := stringsOf(b.Purpose, "purpose")
		if err != nil {
			return fail(fmt.Sprintf("body[%d]", bi), err)
		}
		purpose := "commenting"
		if len(purposes) > 0 {
			purpose = strings.TrimPrefix(purposes[0], "oa:")
		}
		switch purpose {
		case "tagging":
			rec.Tags = append(rec.Tags, b.Value)
		case "commenting", "describing", "editing", "highlighting", "questioning":
			if b.Value != "" {
				notes = append(notes, b.Value)
			}
		}
	}
	rec.Tags = cleanTags(rec.Tags)
	rec.Note = strings.Join(notes, "\n\n")
	targets, err := oneOrMany(a.Target)
	if err != nil {
		return fail("target", err)
	}
	for ti, raw := range targets {
		field := fmt.Sprintf("target[%d]", ti)
		if rawKind(raw) == "a string" {
			if rec.URL == "" {
				json.Unmarshal(raw, &rec.URL)
			}
			continue
		}
		var t wTarget
		if err := json.Unmarshal(raw, &t); err != nil {
			return fail(field, fmt.Errorf("want an object or a string, got %s", rawKind(raw)))
		}
		if rec.URL == "" {
			rec.URL = t.Source
			if rec.URL == "" {
				rec.URL = t.ID
			}
		}
		if rec.Title == "" {
			rec.Title = t.Title
		}
		sels, err := oneOrMany(t.Selector)
		if err != nil {
			return fail(field+".selector", err)
		}
		for si, sraw := range sels {
			var s wSelector
			if err := json.Unmarshal(sraw, &s); err != nil {
				return fail(fmt.Sprintf("%s.selector[%d]", field, si), describe(err, sraw))
			}
			switch strings.TrimPrefix(s.Type, "oa:") {
			case "TextQuoteSelector":
				if rec.Quote == "" {
					rec.Quote, rec.Prefix, rec.Suffix = s.Exact, s.Prefix, s.Suffix
				}
			case "TextPositionSelector":
				start, end, ok, err := position(s.Start, s.End)
				if err != nil {
					return fail(fmt.Sprintf("%s.selector[%d]", field, si), err)
				}
				if ok && !rec.HasPos && a.Status != "orphaned" {
					rec.Start, rec.End, rec.HasPos = start, end, true
				}
			}
		}
	}
	if rec.URL == "" {
		return fail("target", fmt.Errorf("missing: an annotation must name its target"))
	}
	if err := p.add(rec); err != nil {
		return fail("", err)
	}
	return nil
}

// w3cCreator reads a creator given as a string, an Agent object or an
// array of either (the first is kept).
func w3cCreator(raw json.RawMessage) (string, error) {
	items, err := oneOrMany(raw)
	if err != nil || len(items) == 0 {
		return "", err
	}
	if rawKind(items[0]) == "a string" {
		var s string
		err := json.Unmarshal(items[0], &s)
		return s, err
	}
	var c wCreator
	if err := json.Unmarshal(items[0], &c); err != nil {
		return "", fmt.Errorf("want an object or a string, got %s", rawKind(items[0]))
	}
	for _, s := range []string{c.Nickname, c.Name, c.ID} {
		if s != "" {
			return s, nil
		}
	}
	return "", nil
}
