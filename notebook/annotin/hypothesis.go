package annotin

import (
	"encoding/json"
	"fmt"
	"strings"
)

// hRow is one annotation as the Hypothesis API returns it (the fields read
// here; the rest is ignored).
type hRow struct {
	ID         string     `json:"id"`
	Created    string     `json:"created"`
	Updated    string     `json:"updated"`
	User       string     `json:"user"`
	URI        string     `json:"uri"`
	Text       string     `json:"text"`
	Tags       []string   `json:"tags"`
	Target     []hTarget  `json:"target"`
	Document   *hDocument `json:"document"`
	References []string   `json:"references"`
	UserInfo   *hUserInfo `json:"user_info"`
}

type hTarget struct {
	Source   string      `json:"source"`
	Selector []hSelector `json:"selector"`
}

type hSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
	Start  *int64 `json:"start"`
	End    *int64 `json:"end"`
}

type hDocument struct {
	Title json.RawMessage `json:"title"` // an array of strings, or a string
}

type hUserInfo struct {
	DisplayName *string `json:"display_name"`
}

// parseHypothesis reads a bare array of rows, the API's search result
// {"rows":[…],"total":N}, the client's {"annotations":[…]} download, or a
// single row. Replies (rows with references) are skipped: they answer
// another annotation and have no place in the text.
func (p *parser) parseHypothesis() error {
	all := jsonValue{raw: p.data}
	if err := p.checkJSON(); err != nil {
		return err
	}
	switch all.firstByte() {
	case '[':
		return p.elements(all, p.hypothesisRow)
	case '{':
		f, err := p.fields(all, func(k string) bool { return k == "rows" || k == "annotations" || k == "uri" || k == "target" })
		if err != nil {
			return err
		}
		for _, k := range []string{"rows", "annotations"} {
			if v, ok := f[k]; ok {
				return p.elements(v, p.hypothesisRow)
			}
		}
		if _, ok := f["uri"]; ok {
			return p.hypothesisRow(0, all)
		}
		return p.fail(0, "", fmt.Errorf(`want an array of annotations or an object with "rows"`))
	}
	return p.fail(0, "", fmt.Errorf("want a JSON array or object, got %s", rawKind(p.data)))
}

func (p *parser) hypothesisRow(i int, v jsonValue) error {
	n := i + 1
	if v.firstByte() != '{' {
		return p.failAt(n, v.off, "", fmt.Errorf("want an annotation object, got %s", rawKind(v.raw)))
	}
	var row hRow
	if err := json.Unmarshal(v.raw, &row); err != nil {
		return p.jsonErr(n, v.off, err)
	}
	if len(row.References) > 0 {
		return nil // a reply
	}
	rec := Record{
		Source: Hypothesis, SourceID: row.ID, URL: row.URI, Note: row.Text,
		Tags: cleanTags(row.Tags), User: strings.TrimPrefix(row.User, "acct:"),
	}
	var err error
	if rec.Created, err = parseTime(row.Created); err != nil {
		return p.failAt(n, v.off, "created", err)
	}
	if rec.Updated, err = parseTime(row.Updated); err != nil {
		return p.failAt(n, v.off, "updated", err)
	}
	if row.Document != nil {
		titles, err := stringsOf(row.Document.Title, "document.title")
		if err != nil {
			return p.failAt(n, v.off, "", err)
		}
		if len(titles) > 0 {
			rec.Title = strings.TrimSpace(titles[0])
		}
	}
	for ti, t := range row.Target {
		if rec.URL == "" {
			rec.URL = t.Source
		}
		for si, s := range t.Selector {
			switch s.Type {
			case "TextQuoteSelector":
				if rec.Quote == "" {
					rec.Quote, rec.Prefix, rec.Suffix = s.Exact, s.Prefix, s.Suffix
				}
			case "TextPositionSelector":
				start, end, ok, err := position(s.Start, s.End)
				if err != nil {
					return p.failAt(n, v.off, fmt.Sprintf("target[%d].selector[%d]", ti, si), err)
				}
				if ok && !rec.HasPos {
					rec.Start, rec.End, rec.HasPos = start, end, true
				}
			}
		}
	}
	if rec.URL == "" {
		return p.failAt(n, v.off, "uri", fmt.Errorf("missing: an annotation must name its page"))
	}
	if err := p.add(rec); err != nil {
		return p.failAt(n, v.off, "", err)
	}
	return nil
}
