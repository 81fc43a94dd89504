package html

import (
	"errors"
	"fmt"
	"hash/maphash"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML parser (golang.org/x/net/html) does work in proportion to the
// depth of the open elements for many tags, and re-creates every open
// formatting element (<b>, <font>, …) in each new block, so a small
// hostile page can cost it minutes (100,000 nested <div>s) or millions of
// nodes (a thousand distinct unclosed <b>s followed by many <div>s); go-
// readability's cost grows with the depth as well. None of them can be
// stopped from outside. So before a page is parsed, htmlScan replays its
// tags on a model of the parser's stack of open elements and list of
// active formatting elements (the implied end tags of p, li, dd, dt,
// option and table parts; scopes; the "Noah's Ark" clause) and refuses the
// page when the model passes one of these limits:
//
//   - htmlMaxDepth (2,048) elements open at once (real pages stay under
//     100; browsers themselves flatten beyond 512);
//   - htmlMaxNodes (200,000) elements, re-created formatting elements
//     included;
//   - htmlMaxWork (50 million): the sum, over the start tags, of the
//     elements open when each starts, which is what the parser's scope
//     checks cost.
//
// After parsing, htmlFlatten moves elements deeper than htmlFlattenDepth
// (512, as Blink does while parsing) up to that depth, in document order,
// so the extractor never sees a deeper tree.
const (
	htmlMaxDepth     = 2048
	htmlMaxWork      = 50_000_000
	htmlFlattenDepth = 512
	// htmlNodeCost and htmlByteCost estimate the memory of a parsed page:
	// per element (node, attributes) and per byte of the page (text,
	// attribute values, the copy the parser keeps).
	htmlNodeCost = 400
	htmlByteCost = 3
)

// htmlShape is what htmlScan learns about a page.
type htmlShape struct {
	depth    int   // the most elements open at once
	elements int   // elements created, re-created formatting ones included
	work     int64 // the sum of open elements at each start tag
}

// ErrTooDeep and ErrTooComplex are wrapped by ParseTree's
// refusals of a page nested too deeply, or too costly, to parse.
var (
	ErrTooDeep    = errors.New("nested too deeply")
	ErrTooComplex = errors.New("too complex")
)

// ParseTree parses a page within the budget b: it refuses a page whose
// shape (htmlScan) passes the limits, reads it through the budget, and
// flattens the tree beyond htmlFlattenDepth. name is used in messages.
func ParseTree(b *budget.Budget, name, page string) (*html.Node, error) {
	sh, err := htmlScan(b, page)
	if err != nil {
		return nil, err
	}
	switch {
	case sh.depth > htmlMaxDepth:
		return nil, fmt.Errorf("import %s: the page's elements are %w: more than %d levels (real pages stay under 100); refused as damaged or hostile", name, ErrTooDeep, htmlMaxDepth)
	case sh.elements > htmlMaxNodes:
		return nil, fmt.Errorf("import %s: %w: the page has more than %d elements", name, draft.ErrNoText, htmlMaxNodes)
	case sh.work > htmlMaxWork:
		return nil, fmt.Errorf("import %s: the page is %w to read in reasonable time: its elements are nested deeply, or unclosed formatting elements are repeated in block after block (%d open elements summed over its tags); refused as damaged or hostile", name, ErrTooComplex, sh.work)
	}
	if err := b.Alloc(htmlNodeCost*int64(sh.elements) + htmlByteCost*int64(len(page))); err != nil {
		return nil, err
	}
	doc, err := html.Parse(b.Reader(strings.NewReader(page)))
	if berr := b.Err(); berr != nil {
		return nil, berr
	}
	if err != nil {
		return nil, fmt.Errorf("import %s: parse HTML: %w", name, err)
	}
	if n := htmlCountElements(doc, htmlMaxNodes+1); n > htmlMaxNodes {
		return nil, fmt.Errorf("import %s: %w: the page has more than %d elements", name, draft.ErrNoText, htmlMaxNodes)
	}
	htmlFlatten(doc, htmlFlattenDepth)
	return doc, nil
}

// htmlFlatten moves the descendants of every node at depth limit (the
// document being at depth 0) up to be that node's children, in document
// order, so that no node is deeper than limit+1. Text and elements are
// kept; only their nesting below limit is lost.
func htmlFlatten(doc *html.Node, limit int) {
	type item struct {
		n     *html.Node
		depth int
	}
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth == limit {
			htmlFlattenUnder(it.n)
			continue
		}
		for c := it.n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, item{c, it.depth + 1})
		}
	}
}

// htmlFlattenUnder makes every descendant of n a child of n, in document
// order.
func htmlFlattenUnder(n *html.Node) {
	var all []*html.Node
	stack := []*html.Node{}
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	deep := false
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		all = append(all, c)
		for g := c.LastChild; g != nil; g = g.PrevSibling {
			stack = append(stack, g)
			deep = true
		}
	}
	if !deep {
		return
	}
	for _, c := range all {
		c.Parent, c.PrevSibling, c.NextSibling, c.FirstChild, c.LastChild = nil, nil, nil, nil, nil
	}
	n.FirstChild, n.LastChild = nil, nil
	for _, c := range all {
		n.AppendChild(c)
	}
}

// htmlScanner is the model htmlScan replays a page's tags on.
type htmlScanner struct {
	stack []htmlOpen
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
	afe                  []*htmlFormatting
	noah                 map[uint64][]*htmlFormatting
	markers              int // markers in afe
	seed                 maphash.Seed
	shape                htmlShape
}

// htmlOpen is one element on the modelled stack.
type htmlOpen struct {
	name string
	fmt  *htmlFormatting // its entry in the list of active formatting elements
}

// htmlFormatting is one entry of the list of active formatting elements.
type htmlFormatting struct {
	name    string
	key     uint64 // name and attributes, for the Noah's Ark clause
	marker  bool
	segment int // markers before it
	onStack bool
	removed bool
}

// htmlScan replays the tags of a page on the model (see the top of
// html_guard.go) and returns its shape. It stops early, with the shape so
// far, once a limit is passed.
func htmlScan(b *budget.Budget, page string) (htmlShape, error) {
	s := &htmlScanner{where: map[string][]int{}, noah: map[uint64][]*htmlFormatting{}, seed: maphash.MakeSeed()}
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		if err := b.Step(); err != nil {
			return s.shape, err
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return s.shape, nil
		case html.TextToken:
			s.reconstruct()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			s.start(z, htmlIntern(name), hasAttr, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			s.end(htmlIntern(name))
		}
		if s.shape.depth > htmlMaxDepth || s.shape.elements > htmlMaxNodes || s.shape.work > htmlMaxWork {
			return s.shape, nil
		}
	}
}

// htmlIntern returns a tag name as a string, without allocating for the
// names HTML knows.
func htmlIntern(name []byte) string {
	if a := atom.Lookup(name); a != 0 {
		return a.String()
	}
	return string(name)
}

// Tag sets of the model.
var (
	htmlVoid = htmlSet("area base br col embed hr img image input keygen link meta param source track wbr basefont bgsound frame")
	// htmlClosesP are start tags that close an open <p> in button scope.
	htmlClosesP = htmlSet("address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form " +
		"h1 h2 h3 h4 h5 h6 header hgroup hr listing main menu nav ol p plaintext pre search section summary table ul xmp li dd dt")
	// htmlNoReconstruct are start tags that do not re-create the active
	// formatting elements before them.
	htmlNoReconstruct = htmlSet("html head body title meta link style script noscript template base " +
		"caption colgroup col tbody thead tfoot tr td th option optgroup frameset frame")
	htmlFormattingTags = htmlSet("a b big code em font i nobr s small strike strong tt u")
	htmlScopeTags      = htmlSet("applet caption html table td th marquee object template svg math")
	htmlSpecialTags    = htmlSet("address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes noscript object ol p param plaintext pre script search section select source style summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp")
	// htmlMarkerTags put a marker in the list of active formatting
	// elements while they are open.
	htmlMarkerTags = htmlSet("applet caption marquee object template td th")
	// htmlBreakout are HTML tags that end SVG or MathML content.
	htmlBreakout = htmlSet("b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var")
	// htmlIntegration are the SVG and MathML elements whose content is HTML.
	htmlIntegration = htmlSet("foreignobject desc title mi mo mn ms mtext annotation-xml")
)

func htmlSet(names string) map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(names) {
		m[n] = true
	}
	return m
}

// inForeign reports whether the current element is SVG or MathML content
// (and not an HTML integration point inside it).
func (s *htmlScanner) inForeign() bool {
	root := htmlLast(s.foreign)
	return root >= 0 && root >= htmlLast(s.integration)
}

// startForeign models a start tag in SVG or MathML content. It reports
// false when the tag breaks out of it, to be read as HTML.
func (s *htmlScanner) startForeign(z *html.Tokenizer, name string, selfClosing bool) bool {
	if htmlBreakout[name] {
		s.popTo(htmlLast(s.foreign))
		return false
	}
	// Tags in foreign content are never raw text (an SVG <title>).
	z.NextIsNotRawText()
	s.shape.work += int64(len(s.stack))
	if selfClosing {
		s.shape.elements++
		return true
	}
	s.push(name, nil)
	if htmlIntegration[name] {
		s.integration = append(s.integration, len(s.stack)-1)
	}
	return true
}

// start models a start tag.
func (s *htmlScanner) start(z *html.Tokenizer, name string, hasAttr, selfClosing bool) {
	switch name {
	case "html", "head", "body":
		return // the parser's own, created once
	}
	if s.inForeign() && s.startForeign(z, name, selfClosing) {
		return
	}
	s.shape.work += int64(len(s.stack))
	if htmlClosesP[name] {
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
	if !htmlClosesP[name] && !htmlNoReconstruct[name] {
		s.reconstruct()
	}
	if htmlVoid[name] || (selfClosing && (name == "svg" || name == "math")) {
		s.shape.elements++
		return
	}
	var f *htmlFormatting
	if htmlFormattingTags[name] {
		f = s.addFormatting(z, name, hasAttr)
	}
	s.push(name, f)
	if htmlMarkerTags[name] {
		s.afe = append(s.afe, &htmlFormatting{marker: true, segment: s.markers})
		s.markers++
	}
}

// end models an end tag.
func (s *htmlScanner) end(name string) {
	if s.inForeign() {
		// A foreign end tag closes its element; one that matches none
		// inside the foreign content is read as HTML.
		if pos := s.where[name]; len(pos) > 0 && pos[len(pos)-1] >= htmlLast(s.foreign) {
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
		if htmlFormattingTags[name] {
			s.removeFormatting(name)
		}
		if htmlSpecialTags[name] || htmlFormattingTags[name] {
			s.closeInScope(name, s.scope)
			return
		}
		// Any other end tag closes its element unless a special element
		// is open inside it.
		if pos := s.where[name]; len(pos) > 0 && pos[len(pos)-1] >= htmlLast(s.special) {
			s.popTo(pos[len(pos)-1])
		}
	}
}

// push opens an element.
func (s *htmlScanner) push(name string, f *htmlFormatting) {
	i := len(s.stack)
	s.stack = append(s.stack, htmlOpen{name: name, fmt: f})
	s.where[name] = append(s.where[name], i)
	if htmlScopeTags[name] {
		s.scope = append(s.scope, i)
		s.listScope = append(s.listScope, i)
	}
	if name == "ol" || name == "ul" {
		s.listScope = append(s.listScope, i)
	}
	if name == "table" || name == "template" || name == "html" {
		s.tableScope = append(s.tableScope, i)
	}
	if htmlSpecialTags[name] {
		s.special = append(s.special, i)
	}
	if name == "svg" || name == "math" {
		s.foreign = append(s.foreign, i)
	}
	s.shape.elements++
	s.shape.depth = max(s.shape.depth, len(s.stack))
}

// popTo closes the element at position i and every element inside it.
func (s *htmlScanner) popTo(i int) {
	for len(s.stack) > i {
		n := len(s.stack) - 1
		e := s.stack[n]
		s.stack = s.stack[:n]
		w := s.where[e.name]
		s.where[e.name] = w[:len(w)-1]
		s.scope = htmlDropLast(s.scope, n)
		s.listScope = htmlDropLast(s.listScope, n)
		s.tableScope = htmlDropLast(s.tableScope, n)
		s.special = htmlDropLast(s.special, n)
		s.foreign = htmlDropLast(s.foreign, n)
		s.integration = htmlDropLast(s.integration, n)
		if e.fmt != nil && !e.fmt.removed {
			e.fmt.onStack = false
		}
		if htmlMarkerTags[e.name] {
			s.clearToMarker()
		}
	}
}

// closeInScope closes the innermost open name when no scope boundary of
// bounds is open inside it (the element may be a boundary itself).
func (s *htmlScanner) closeInScope(name string, bounds []int) {
	if pos := s.where[name]; len(pos) > 0 && pos[len(pos)-1] >= htmlLast(bounds) {
		s.popTo(pos[len(pos)-1])
	}
}

// closeNearest closes the innermost element of names open inside the last
// scope boundary of bounds.
func (s *htmlScanner) closeNearest(bounds []int, names ...string) {
	best := -1
	for _, name := range names {
		if pos := s.where[name]; len(pos) > 0 {
			best = max(best, pos[len(pos)-1])
		}
	}
	if best >= 0 && best >= htmlLast(bounds) {
		s.popTo(best)
	}
}

// popIfTop closes the current element when it is name.
func (s *htmlScanner) popIfTop(name string) {
	if n := len(s.stack); n > 0 && s.stack[n-1].name == name {
		s.popTo(n - 1)
	}
}

// htmlDropLast removes position n from the end of p, if it is there.
func htmlDropLast(p []int, n int) []int {
	if k := len(p); k > 0 && p[k-1] == n {
		return p[:k-1]
	}
	return p
}

// htmlLast returns the last position in p, or -1.
func htmlLast(p []int) int {
	if len(p) == 0 {
		return -1
	}
	return p[len(p)-1]
}

// addFormatting adds a formatting element to the list of active
// formatting elements, removing the earliest of three identical ones after
// the last marker first (the "Noah's Ark" clause).
func (s *htmlScanner) addFormatting(z *html.Tokenizer, name string, hasAttr bool) *htmlFormatting {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.WriteString(name)
	for more := hasAttr; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		h.WriteByte(0)
		h.Write(k)
		h.WriteByte('=')
		h.Write(v)
	}
	f := &htmlFormatting{name: name, key: h.Sum64(), segment: s.markers, onStack: true}
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
	return f
}

// removeFormatting drops the last active formatting element name (as the
// end tag's adoption agency does).
func (s *htmlScanner) removeFormatting(name string) {
	for i := len(s.afe) - 1; i >= 0; i-- {
		f := s.afe[i]
		if f.marker {
			return
		}
		if !f.removed && f.name == name {
			f.removed = true
			return
		}
	}
}

// clearToMarker drops the active formatting elements after the last
// marker, and the marker.
func (s *htmlScanner) clearToMarker() {
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
func (s *htmlScanner) reconstruct() {
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
		if s.shape.elements > htmlMaxNodes || s.shape.depth > htmlMaxDepth {
			return
		}
	}
}
