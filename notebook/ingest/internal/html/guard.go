package html

import (
	"errors"
	"fmt"
	"strings"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"golang.org/x/net/html"
)

// The HTML parser (golang.org/x/net/html) does work in proportion to the
// depth of the open elements for many tags, and re-creates every open
// formatting element (<b>, <font>, …) in each new block, so a small
// hostile page can cost it minutes (100,000 nested <div>s) or millions of
// nodes (a thousand distinct unclosed <b>s followed by many <div>s); go-
// readability's cost grows with the depth as well. None of them can be
// stopped from outside. So before a page is parsed, scan replays its
// tags on a model of the parser's stack of open elements and list of
// active formatting elements (the implied end tags of p, li, dd, dt,
// option and table parts; scopes; the "Noah's Ark" clause) and refuses the
// page when the model passes one of these limits:
//
//   - maxDepth (2,048) elements open at once (real pages stay under
//     100; browsers themselves flatten beyond 512);
//   - maxNodes (200,000) elements, re-created formatting elements
//     included;
//   - maxWork (50 million): the sum, over the start tags, of the
//     elements open when each starts, which is what the parser's scope
//     checks cost.
//
// The model follows the tokenizer into and out of raw text (scripts,
// styles, titles; not in SVG or MathML, nor in a select), and the page
// handed to the parser is the page without the text of its scripts and
// styles (JSON-LD kept): the parser need not read that text again, and
// markup the model took for raw text cannot reach the parser. FuzzScan
// checks that both parse to the same tree but for that text.
//
// After parsing, flatten moves elements deeper than flattenDepth
// (512, as Blink does while parsing) up to that depth, in document order,
// so the extractor never sees a deeper tree.
const (
	maxDepth     = 2048
	maxWork      = 50_000_000
	flattenDepth = 512
	// nodeCost and byteCost estimate the memory of a parsed page:
	// per element (node, attributes) and per byte of the page (text,
	// attribute values, the copy the parser keeps).
	nodeCost = 400
	byteCost = 3
)

// pageShape is what scan learns about a page.
type pageShape struct {
	// kept is the page without the text of its scripts and styles (JSON-LD
	// data kept), which is what is parsed: the parser need not read it
	// again, and cannot find in it markup the model did not count.
	kept     string
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
// shape (scan) passes the limits, reads it through the budget, and
// flattens the tree beyond flattenDepth. name is used in messages.
func ParseTree(b *budget.Budget, name, page string) (*html.Node, error) {
	sh, err := scan(b, page)
	if err != nil {
		return nil, err
	}
	switch {
	case sh.depth > maxDepth:
		return nil, fmt.Errorf("import %s: the page's elements are %w: more than %d levels (real pages stay under 100); refused as damaged or hostile", name, ErrTooDeep, maxDepth)
	case sh.elements > maxNodes:
		return nil, fmt.Errorf("import %s: %w: the page has more than %d elements", name, draft.ErrNoText, maxNodes)
	case sh.work > maxWork:
		return nil, fmt.Errorf("import %s: the page is %w to read in reasonable time: its elements are nested deeply, or unclosed formatting elements are repeated in block after block (%d open elements summed over its tags); refused as damaged or hostile", name, ErrTooComplex, sh.work)
	}
	if err := b.Alloc(nodeCost*int64(sh.elements) + byteCost*int64(len(page))); err != nil {
		return nil, err
	}
	doc, err := html.Parse(b.Reader(strings.NewReader(sh.kept)))
	if berr := b.Err(); berr != nil {
		return nil, berr
	}
	if err != nil {
		return nil, fmt.Errorf("import %s: parse HTML: %w", name, err)
	}
	// The parser creates a few elements the model does not (html, head,
	// body, a tbody per table: at most one per three modelled levels), so
	// the tree is about 4/3 as deep, and at most twice as large, as the
	// model says. The walks below are skipped only when even four times
	// the model's figures are within the limits, as on real pages (whose
	// model depth stays under 50).
	if sh.elements > maxNodes/4 {
		if n := countElements(doc, maxNodes+1); n > maxNodes {
			return nil, fmt.Errorf("import %s: %w: the page has more than %d elements", name, draft.ErrNoText, maxNodes)
		}
	}
	if sh.depth > flattenDepth/4 {
		flatten(doc, flattenDepth)
	}
	return doc, nil
}
