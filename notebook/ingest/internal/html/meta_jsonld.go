package html

import (
	"encoding/json"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
)

// metaLD is what the schema.org JSON-LD blocks of a page say about its
// article.
type metaLD struct {
	headline  string
	authors   []string
	published string
	created   string
	modified  string
	publisher string
	siteName  string // name of a WebSite or Organization node, when no publisher
	url       string
	language  string
}

// metaArticleTypes are the schema.org types describing an article. A page's
// first node of one of these types (preferring one with a headline) is used.
var metaArticleTypes = map[string]int{
	"newsarticle": 1, "article": 1, "blogposting": 1, "reportagenewsarticle": 1,
	"analysisnewsarticle": 1, "opinionnewsarticle": 1, "reviewnewsarticle": 1,
	"backgroundnewsarticle": 1, "askpublicnewsarticle": 1, "liveblogposting": 1,
	"scholarlyarticle": 1, "techarticle": 1, "report": 1, "socialmediaposting": 1,
	"posting": 1, "medicalscholarlyarticle": 1, "satiricalarticle": 1,
	// Pages that describe themselves only as a web page are a last resort.
	"webpage": 2, "itempage": 2,
}

// metaFromJSONLD reads the article node of the page's JSON-LD blocks.
// Invalid blocks are skipped: metadata is best effort.
func metaFromJSONLD(blocks []string) metaLD {
	var nodes []map[string]any
	for _, b := range blocks {
		v, ok := metaParseJSON(b)
		if !ok {
			continue
		}
		metaLDNodes(v, &nodes, 0)
	}
	if len(nodes) == 0 {
		return metaLD{}
	}
	byID := map[string]map[string]any{}
	for _, n := range nodes {
		if id, _ := n["@id"].(string); id != "" {
			if _, seen := byID[id]; !seen {
				byID[id] = n
			}
		}
	}

	var art map[string]any
	bestRank := 99
	for _, n := range nodes {
		rank := 99
		for _, t := range metaLDTypes(n) {
			if r, ok := metaArticleTypes[strings.ToLower(t)]; ok && r < rank {
				rank = r
			}
		}
		if rank == 99 {
			continue
		}
		if metaLDString(n["headline"]) == "" {
			rank += 10 // prefer a node that names the article
		}
		if rank < bestRank {
			art, bestRank = n, rank
		}
	}

	var out metaLD
	for _, n := range nodes {
		for _, t := range metaLDTypes(n) {
			switch strings.ToLower(t) {
			case "website", "newsmediaorganization", "organization":
				if out.siteName == "" {
					out.siteName = metaLDName(n, byID)
				}
			}
		}
	}
	if art == nil {
		return out
	}
	out.headline = metaLDString(art["headline"])
	if out.headline == "" && bestRank < 10 {
		out.headline = metaLDString(art["name"])
	}
	out.authors = metaLDPeople(art["author"], byID)
	if len(out.authors) == 0 {
		out.authors = metaLDPeople(art["creator"], byID)
	}
	out.published = metaLDString(art["datePublished"])
	out.created = metaLDString(art["dateCreated"])
	out.modified = metaLDString(art["dateModified"])
	if pubs := metaLDPeople(art["publisher"], byID); len(pubs) > 0 {
		out.publisher = pubs[0]
	}
	if p, ok := art["isPartOf"].(map[string]any); ok && out.siteName == "" {
		out.siteName = metaLDName(p, byID)
	}
	out.url = metaLDString(art["url"])
	if out.url == "" {
		switch v := art["mainEntityOfPage"].(type) {
		case string:
			out.url = v
		case map[string]any:
			out.url = metaLDString(v["@id"])
			if out.url == "" {
				out.url = metaLDString(v["url"])
			}
		}
	}
	switch v := art["inLanguage"].(type) {
	case string:
		out.language = v
	case map[string]any:
		out.language = metaFirst(metaLDString(v["alternateName"]), metaLDString(v["name"]))
	}
	return out
}

// metaParseJSON parses one JSON-LD block, forgiving the usual mistakes of
// hand-written blocks: HTML comment or CDATA wrappers and raw control
// characters inside strings.
func metaParseJSON(b string) (any, bool) {
	b = strings.TrimSpace(b)
	for _, w := range [][2]string{{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"//<![CDATA[", "//]]>"}} {
		b = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(b, w[0]), w[1]))
	}
	var v any
	if err := json.Unmarshal([]byte(b), &v); err == nil {
		return v, true
	}
	// Raw line breaks and tabs are invalid inside JSON strings but are
	// plain white space outside them, so replacing them is safe.
	b = strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, b)
	if err := json.Unmarshal([]byte(b), &v); err == nil {
		return v, true
	}
	return nil, false
}

// metaLDNodes flattens JSON-LD values (arrays, @graph) into object nodes.
func metaLDNodes(v any, out *[]map[string]any, depth int) {
	if depth > 6 || len(*out) > 200 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			metaLDNodes(e, out, depth+1)
		}
	case map[string]any:
		*out = append(*out, x)
		if g, ok := x["@graph"]; ok {
			metaLDNodes(g, out, depth+1)
		}
		if m, ok := x["mainEntity"].(map[string]any); ok {
			metaLDNodes(m, out, depth+1)
		}
	}
}

// metaLDTypes returns a node's @type values.
func metaLDTypes(n map[string]any) []string {
	switch t := n["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// metaLDString returns v as a trimmed string when it is one (or a list whose
// first element is one).
func metaLDString(v any) string {
	switch x := v.(type) {
	case string:
		return text.CleanSpace(unescapeText(x))
	case []any:
		if len(x) > 0 {
			return metaLDString(x[0])
		}
	case float64:
		return ""
	}
	return ""
}

// metaLDName returns the name of a node, following an @id reference.
func metaLDName(n map[string]any, byID map[string]map[string]any) string {
	if name := metaLDString(n["name"]); name != "" {
		return name
	}
	if id := metaLDString(n["@id"]); id != "" {
		if ref, ok := byID[id]; ok {
			return metaLDString(ref["name"])
		}
	}
	return ""
}

// metaLDPeople reads author/publisher values: a string, a Person or
// Organization object (possibly an @id reference into the graph) or a list
// of them. Profile URLs are skipped.
func metaLDPeople(v any, byID map[string]map[string]any) []string {
	var out []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch x := v.(type) {
		case string:
			x = text.CleanSpace(unescapeText(x))
			if x != "" && !metaIsWebURL(x) {
				out = append(out, x)
			}
		case map[string]any:
			if name := metaLDName(x, byID); name != "" {
				add(name, depth+1)
			}
		case []any:
			for _, e := range x {
				add(e, depth+1)
			}
		}
	}
	add(v, 0)
	return out
}
