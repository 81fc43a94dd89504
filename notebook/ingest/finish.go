package ingest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

// Limits on the metadata of a draft: a title, byline or outlet longer than
// maxFieldRunes characters is cut (with a warning), a URL longer than
// maxURLBytes is dropped, and at most maxTags tags of at most maxTagRunes
// characters each are kept.
const (
	maxFieldRunes = 1000
	maxURLBytes   = 4096
	maxTags       = 100
	maxTagRunes   = 200
)

// finish makes the Draft of an article read from source (of mediaType),
// applying the rules every draft keeps, whichever importer made it: each
// metadata field is one clean line (CleanField), within the limits above,
// and warnings are one line each.
func finish(a draft.Article, source []byte, mediaType string) Draft {
	d := Draft{
		Title: a.Title, Byline: a.Byline, Outlet: a.Outlet, URL: a.URL,
		Published: a.Published, Language: a.Language, Tags: a.Tags,
		Text: a.Text, Kinds: a.Kinds, Warnings: a.Warnings,
		Source: source, MediaType: mediaType,
	}
	var warn []string
	clip := func(what, s string) string {
		s = CleanField(s)
		if utf8.RuneCountInString(s) > maxFieldRunes {
			s = clipRunes(s, maxFieldRunes)
			warn = append(warn, fmt.Sprintf("the %s was longer than %d characters and was cut", what, maxFieldRunes))
		}
		return s
	}
	d.Title = clip("title", d.Title)
	d.Byline = clip("byline", d.Byline)
	d.Outlet = clip("outlet", d.Outlet)
	d.Language = CleanField(d.Language)
	if len(d.Language) > 35 {
		d.Language = "" // no BCP 47 tag is this long
	}
	d.URL = CleanField(d.URL)
	if len(d.URL) > maxURLBytes {
		warn = append(warn, fmt.Sprintf("the URL was longer than %d bytes and was left out", maxURLBytes))
		d.URL = ""
	}
	if len(d.Tags) > 0 {
		tags := make([]string, 0, min(len(d.Tags), maxTags))
		seen := map[string]bool{}
		for _, t := range d.Tags {
			t = CleanField(t)
			if utf8.RuneCountInString(t) > maxTagRunes {
				t = clipRunes(t, maxTagRunes)
			}
			if t == "" || seen[strings.ToLower(t)] {
				continue
			}
			if len(tags) == maxTags {
				warn = append(warn, fmt.Sprintf("only the first %d of %d tags were kept", maxTags, len(d.Tags)))
				break
			}
			seen[strings.ToLower(t)] = true
			tags = append(tags, t)
		}
		d.Tags = tags
		if len(tags) == 0 {
			d.Tags = nil
		}
	}
	for i, w := range d.Warnings {
		d.Warnings[i] = CleanField(w)
	}
	d.Warnings = append(d.Warnings, warn...)
	return d
}

// clipRunes cuts s to n characters, the last being "…".
func clipRunes(s string, n int) string {
	i := 0
	for k := range s {
		if i == n-1 {
			return strings.TrimSpace(s[:k]) + "…"
		}
		i++
	}
	return s
}
