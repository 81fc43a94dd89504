package html

// The model of the HTML parser that scan replays a page's tags on; see
// the top of guard.go.

import (
	"hash/maphash"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// scanner is the model scan replays a page's tags on.
type scanner struct {
	stack []open
	where map[string][]int // tag name → positions in stack, innermost last
	// Positions of the open elements that bound the scopes the parser
	// looks in: every scope, list-item scope (adds ol, ul), table scope
	// (html, table, template only), and the special elements that stop
	// "any other end tag".
	scope, listScope, tableScope, special []int
	// Positions of the open svg and math elements, and of the elements
	// inside them whose content is HTML again (foreignObject, desc and
	// title in SVG; mi, mo, mn, ms, mtext and annotation-xml in MathML).
	foreign, integration []int
	afe                  []*formatting
	byName               map[string][]*formatting // active entries by tag name, in order
	key                  []byte                   // scratch for the Noah's Ark key
	notRaw               bool                     // the tokenizer was told the current tag holds no raw text
	noah                 map[uint64][]*formatting
	markers              int // markers in afe
	seed                 maphash.Seed
	shape                pageShape
}

// open is one element on the modelled stack.
type open struct {
	name string
	fmt  *formatting // its entry in the list of active formatting elements
}

// formatting is one entry of the list of active formatting elements.
type formatting struct {
	name    string
	key     uint64 // name and attributes, for the Noah's Ark clause
	marker  bool
	segment int // markers before it
	onStack bool
	removed bool
}

// scan replays the tags of a page on the model (see the top of
// guard.go) and returns its shape. It stops early, with the shape so
// far, once a limit is passed.
func scan(b *budget.Budget, page string) (pageShape, error) {
	s := &scanner{where: map[string][]int{}, noah: map[uint64][]*formatting{}, byName: map[string][]*formatting{}, seed: maphash.MakeSeed()}
	z := html.NewTokenizer(strings.NewReader(page))
	pos := 0           // offset of the current token in page
	stripNext := false // the next token is the raw text of a script or style
	var keep []int     // offsets: the page without scripts' and styles' text is page[keep[0]:keep[1]] + page[keep[2]:keep[3]] + …
	keep = append(keep, 0)
	for {
		if err := b.Step(); err != nil {
			return s.shape, err
		}
		tt := z.Next()
		raw := len(z.Raw())
		switch tt {
		case html.ErrorToken:
			s.shape.kept = keptPage(page, append(keep, len(page)))
			return s.shape, nil
		case html.TextToken:
			if stripNext {
				keep = append(keep, pos, pos+raw)
			}
			s.reconstruct()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := intern(name)
			s.notRaw = false
			strip := (tag == "script" || tag == "style") && !(tag == "script" && hasAttr && isDataScript(z))
			if strip {
				hasAttr = false // read
			}
			s.start(z, tag, hasAttr, tt == html.SelfClosingTagToken)
			pos += raw
			if strip && !s.notRaw {
				// The tokenizer reads raw text a byte at a time; finding
				// its end directly and starting a new tokenizer there is
				// several times faster, when it is sure to agree.
				if end, ok := rawEnd(page, pos, tag); ok {
					keep = append(keep, pos, end)
					pos = end
					z = html.NewTokenizer(strings.NewReader(page[end:]))
					continue
				}
				stripNext = true
			}
			continue
		case html.EndTagToken:
			name, _ := z.TagName()
			s.end(intern(name))
		}
		stripNext = false
		pos += raw
		if s.shape.depth > maxDepth || s.shape.elements > maxNodes || s.shape.work > maxWork {
			return s.shape, nil
		}
	}
}

// rawEnd returns the offset in page of the end tag that ends the raw text
// of a script or style element starting at from ("</style" or "</script",
// in any case, followed by white space, "/" or ">"), or len(page) when
// there is none, as the tokenizer would find it. It reports false for a
// script whose text holds "<!--" before that end tag: there the
// tokenizer's escape states decide, and the caller lets it read.
func rawEnd(page string, from int, tag string) (int, bool) {
	for i := from; ; {
		j := strings.Index(page[i:], "</")
		if j < 0 {
			if tag == "script" && strings.Contains(page[from:], "<!--") {
				return 0, false
			}
			return len(page), true
		}
		j += i
		k := j + 2 + len(tag)
		if k < len(page) && strings.EqualFold(page[j+2:k], tag) {
			switch page[k] {
			case ' ', '\n', '\r', '\t', '\f', '/', '>':
				if tag == "script" && strings.Contains(page[from:j], "<!--") {
					return 0, false
				}
				return j, true
			}
		}
		i = j + 2
	}
}

// isDataScript reads a script start tag's attributes and reports whether
// its type says it holds data read for the metadata (JSON-LD), which is
// kept.
func isDataScript(z *html.Tokenizer) bool {
	data := false
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == "type" && strings.Contains(strings.ToLower(string(v)), "ld+json") {
			data = true
		}
	}
	return data
}

// keptPage returns page without the spans between the pairs of offsets in
// cut: page[cut[0]:cut[1]] + page[cut[2]:cut[3]] + ….
func keptPage(page string, cut []int) string {
	if len(cut) == 2 {
		return page
	}
	var b strings.Builder
	for i := 0; i+1 < len(cut); i += 2 {
		b.Grow(cut[i+1] - cut[i])
	}
	for i := 0; i+1 < len(cut); i += 2 {
		b.WriteString(page[cut[i]:cut[i+1]])
	}
	return b.String()
}

// intern returns a tag name as a string, without allocating for the
// names HTML knows.
func intern(name []byte) string {
	if a := atom.Lookup(name); a != 0 {
		return a.String()
	}
	return string(name)
}

// Tag sets of the model.
var (
	void = set("area base br col embed hr img image input keygen link meta param source track wbr basefont bgsound frame")
	// closesP are start tags that close an open <p> in button scope.
	closesP = set("address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form " +
		"h1 h2 h3 h4 h5 h6 header hgroup hr listing main menu nav ol p plaintext pre search section summary table ul xmp li dd dt")
	// noReconstruct are start tags that do not re-create the active
	// formatting elements before them.
	noReconstruct = set("html head body title meta link style script noscript template base " +
		"caption colgroup col tbody thead tfoot tr td th option optgroup frameset frame")
	formattingTags = set("a b big code em font i nobr s small strike strong tt u")
	scopeTags      = set("applet caption html table td th marquee object template svg math")
	specialTags    = set("address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes noscript object ol p param plaintext pre script search section select source style summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp")
	// markerTags put a marker in the list of active formatting
	// elements while they are open.
	markerTags = set("applet caption marquee object template td th")
	// breakout are HTML tags that end SVG or MathML content.
	breakout = set("b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var")
)

func set(names string) map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(names) {
		m[n] = true
	}
	return m
}

// inForeign reports whether the current element is SVG or MathML content
// (and not an HTML integration point inside it).
func (s *scanner) inForeign() bool {
	root := lastOf(s.foreign)
	return root >= 0 && root >= lastOf(s.integration)
}

// startForeign models a start tag in SVG or MathML content. It reports
// false when the tag breaks out of it, to be read as HTML.
func (s *scanner) startForeign(z *html.Tokenizer, name string, hasAttr, selfClosing bool) bool {
	if breakout[name] {
		s.popTo(lastOf(s.foreign))
		return false
	}
	// Tags in foreign content are never raw text (an SVG <title>).
	z.NextIsNotRawText()
	s.notRaw = true
	s.shape.work += int64(len(s.stack))
	if selfClosing {
		s.shape.elements++
		return true
	}
	integration := false
	switch root := s.stack[lastOf(s.foreign)].name; {
	case root == "svg":
		integration = name == "foreignobject" || name == "desc" || name == "title"
	case name == "annotation-xml":
		// An HTML integration point only when it says it holds HTML.
		for more := hasAttr; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			if enc := strings.ToLower(string(v)); string(k) == "encoding" && (enc == "text/html" || enc == "application/xhtml+xml") {
				integration = true
			}
		}
	default:
		integration = name == "mi" || name == "mo" || name == "mn" || name == "ms" || name == "mtext"
	}
	s.push(name, nil)
	if integration {
		s.integration = append(s.integration, len(s.stack)-1)
	}
	return true
}

// start models a start tag.
func (s *scanner) start(z *html.Tokenizer, name string, hasAttr, selfClosing bool) {
	switch name {
	case "html", "head", "body":
		return // the parser's own, created once
	}
	if s.inForeign() && s.startForeign(z, name, hasAttr, selfClosing) {
		return
	}
	if len(s.where["select"]) > 0 {
		switch name {
		case "input", "keygen", "textarea":
			s.popTo(lastOf(s.where["select"])) // they end the select
		case "iframe", "noembed", "noframes", "noscript", "plaintext", "style", "title", "xmp":
			// Ignored in a select, and read as markup, not raw text.
			z.NextIsNotRawText()
			s.notRaw = true
			return
		}
	}
	s.shape.work += int64(len(s.stack))
	if closesP[name] {
		s.closeInScope("p", s.scope)
	}
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		if n := len(s.stack); n > 0 && len(s.stack[n-1].name) == 2 && s.stack[n-1].name[0] == 'h' && s.stack[n-1].name[1] >= '1' && s.stack[n-1].name[1] <= '6' {
			s.popTo(n - 1)
		}
	case "li":
		s.closeInScope("li", s.listScope)
	case "dd", "dt":
		s.closeNearest(s.scope, "dd", "dt")
	case "option":
		s.popIfTop("option")
	case "optgroup":
		s.popIfTop("option")
		s.popIfTop("optgroup")
	case "tr":
		s.closeNearest(s.tableScope, "tr")
	case "td", "th":
		s.closeNearest(s.tableScope, "td", "th")
	case "tbody", "thead", "tfoot":
		s.closeNearest(s.tableScope, "tbody", "thead", "tfoot")
	case "table":
		if n := len(s.stack); n > 0 {
			switch s.stack[n-1].name {
			case "table", "tbody", "thead", "tfoot", "tr":
				// A table directly in a table ends it.
				if pos := s.where["table"]; len(pos) > 0 {
					s.popTo(pos[len(pos)-1])
				}
			}
		}
	case "a", "nobr":
		// A new link ends the one still open (the adoption agency).
		s.removeFormatting(name)
		s.closeInScope(name, s.scope)
	case "button":
		s.closeInScope(name, s.scope)
	}
	if !closesP[name] && !noReconstruct[name] {
		s.reconstruct()
	}
	if void[name] || (selfClosing && (name == "svg" || name == "math")) {
		s.shape.elements++
		return
	}
	var f *formatting
	if formattingTags[name] {
		f = s.addFormatting(z, name, hasAttr)
	}
	s.push(name, f)
	if markerTags[name] {
		s.afe = append(s.afe, &formatting{marker: true, segment: s.markers})
		s.markers++
	}
}

// end models an end tag.
func (s *scanner) end(name string) {
	if s.inForeign() {
		// A foreign end tag closes its element; one that matches none
		// inside the foreign content is read as HTML.
		if pos := s.where[name]; len(pos) > 0 && pos[len(pos)-1] >= lastOf(s.foreign) {
			s.popTo(pos[len(pos)-1])
			return
		}
	}
	switch name {
	case "html", "head", "body", "br":
		return
	case "p":
		s.closeInScope("p", s.scope)
	case "li":
		s.closeInScope("li", s.listScope)
	case "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption":
		s.closeInScope(name, s.tableScope)
	default:
		if formattingTags[name] {
			s.removeFormatting(name)
		}
		if specialTags[name] || formattingTags[name] {
			s.closeInScope(name, s.scope)
			return
		}
		// Any other end tag closes its element unless a special element
		// is open inside it.
		if pos := s.where[name]; len(pos) > 0 && pos[len(pos)-1] >= lastOf(s.special) {
			s.popTo(pos[len(pos)-1])
		}
	}
}

// push opens an element.
func (s *scanner) push(name string, f *formatting) {
	i := len(s.stack)
	s.stack = append(s.stack, open{name: name, fmt: f})
	s.where[name] = append(s.where[name], i)
	if scopeTags[name] {
		s.scope = append(s.scope, i)
		s.listScope = append(s.listScope, i)
	}
	if name == "ol" || name == "ul" {
		s.listScope = append(s.listScope, i)
	}
	if name == "table" || name == "template" || name == "html" {
		s.tableScope = append(s.tableScope, i)
	}
	if specialTags[name] {
		s.special = append(s.special, i)
	}
	if name == "svg" || name == "math" {
		s.foreign = append(s.foreign, i)
	}
	s.shape.elements++
	s.shape.depth = max(s.shape.depth, len(s.stack))
}

// popTo closes the element at position i and every element inside it.
func (s *scanner) popTo(i int) {
	for len(s.stack) > i {
		n := len(s.stack) - 1
		e := s.stack[n]
		s.stack = s.stack[:n]
		w := s.where[e.name]
		s.where[e.name] = w[:len(w)-1]
		s.scope = dropLast(s.scope, n)
		s.listScope = dropLast(s.listScope, n)
		s.tableScope = dropLast(s.tableScope, n)
		s.special = dropLast(s.special, n)
		s.foreign = dropLast(s.foreign, n)
		s.integration = dropLast(s.integration, n)
		if e.fmt != nil && !e.fmt.removed {
			e.fmt.onStack = false
		}
		if markerTags[e.name] {
			s.clearToMarker()
		}
	}
}

// closeInScope closes the innermost open name when no scope boundary of
// bounds is open inside it (the element may be a boundary itself).
func (s *scanner) closeInScope(name string, bounds []int) {
	if pos := s.where[name]; len(pos) > 0 && pos[len(pos)-1] >= lastOf(bounds) {
		s.popTo(pos[len(pos)-1])
	}
}

// closeNearest closes the innermost element of names open inside the last
// scope boundary of bounds.
func (s *scanner) closeNearest(bounds []int, names ...string) {
	best := -1
	for _, name := range names {
		if pos := s.where[name]; len(pos) > 0 {
			best = max(best, pos[len(pos)-1])
		}
	}
	if best >= 0 && best >= lastOf(bounds) {
		s.popTo(best)
	}
}

// popIfTop closes the current element when it is name.
func (s *scanner) popIfTop(name string) {
	if n := len(s.stack); n > 0 && s.stack[n-1].name == name {
		s.popTo(n - 1)
	}
}

// dropLast removes position n from the end of p, if it is there.
func dropLast(p []int, n int) []int {
	if k := len(p); k > 0 && p[k-1] == n {
		return p[:k-1]
	}
	return p
}

// lastOf returns the last position in p, or -1.
func lastOf(p []int) int {
	if len(p) == 0 {
		return -1
	}
	return p[len(p)-1]
}

// addFormatting adds a formatting element to the list of active
// formatting elements, removing the earliest of three identical ones after
// the last marker first (the "Noah's Ark" clause).
func (s *scanner) addFormatting(z *html.Tokenizer, name string, hasAttr bool) *formatting {
	s.key = append(s.key[:0], name...)
	for more := hasAttr; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		s.key = append(s.key, 0)
		s.key = append(s.key, k...)
		s.key = append(s.key, '=')
		s.key = append(s.key, v...)
	}
	f := &formatting{name: name, key: maphash.Bytes(s.seed, s.key), segment: s.markers, onStack: true}
	same := s.noah[f.key][:0]
	for _, g := range s.noah[f.key] {
		if !g.removed && g.segment == f.segment {
			same = append(same, g)
		}
	}
	if len(same) >= 3 {
		same[0].removed = true
		same = same[1:]
	}
	s.noah[f.key] = append(same, f)
	s.afe = append(s.afe, f)
	s.byName[name] = append(s.byName[name], f)
	return f
}

// removeFormatting drops the last active formatting element name after
// the last marker (as the end tag's adoption agency does). The entries of
// each name are kept in their own list, so that this costs the same
// however long the list of active formatting elements is.
func (s *scanner) removeFormatting(name string) {
	list := s.byName[name]
	for len(list) > 0 && list[len(list)-1].removed {
		list = list[:len(list)-1]
	}
	if n := len(list); n > 0 && list[n-1].segment == s.markers {
		list[n-1].removed = true
		list = list[:n-1]
	}
	s.byName[name] = list
	// Entries removed at the end of the list need not be kept.
	for n := len(s.afe); n > 0 && s.afe[n-1].removed && !s.afe[n-1].marker; n = len(s.afe) {
		s.afe = s.afe[:n-1]
	}
}

// clearToMarker drops the active formatting elements after the last
// marker, and the marker.
func (s *scanner) clearToMarker() {
	for len(s.afe) > 0 {
		f := s.afe[len(s.afe)-1]
		s.afe = s.afe[:len(s.afe)-1]
		f.removed = true
		if f.marker {
			s.markers--
			return
		}
	}
}

// reconstruct re-opens the active formatting elements that are not open
// (those after the last one that is, or the last marker), as the parser
// does before text and most start tags; removed entries found on the way
// are dropped from the list.
func (s *scanner) reconstruct() {
	i := len(s.afe)
	for i > 0 {
		f := s.afe[i-1]
		if f.marker || (f.onStack && !f.removed) {
			break
		}
		i--
	}
	if i == len(s.afe) {
		return
	}
	tail := s.afe[i:]
	kept := tail[:0]
	for _, f := range tail {
		if !f.removed {
			kept = append(kept, f)
		}
	}
	s.afe = s.afe[:i+len(kept)]
	for _, f := range kept {
		s.shape.work += int64(len(s.stack))
		f.onStack = true
		s.push(f.name, f)
		if s.shape.elements > maxNodes || s.shape.depth > maxDepth {
			return
		}
	}
}
