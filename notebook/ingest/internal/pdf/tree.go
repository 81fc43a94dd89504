package pdf

import (
	"errors"
	"fmt"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	lpdf "github.com/ledongthuc/pdf"
)

// The PDF library finds a page by walking the page tree from its root for
// every page (so a long flat tree costs the square of its length), and
// follows Kids and Parent links without a limit, so a tree that points to
// itself loops forever. pageList walks the tree once, depth first,
// with limits on its depth and size, and inherited follows Parent
// links a bounded kindNumber of times.

// maxTreeDepth bounds the depth of the page tree (real trees are a few
// levels deep) and the Parent links followed for an inherited attribute.
const maxTreeDepth = 64

// maxTreeNodes bounds the nodes of the page tree visited: the pages
// read and the nodes above them.
const maxTreeNodes = 4*maxPages + 1024

// errPDFTree is wrapped by the errors of a page tree that cannot be read.
var errPDFTree = errors.New("damaged page tree")

// pageList returns the page dictionaries of a document in order, at most
// limit of them, and the kindNumber of pages the document declares.
func pageList(b *budget.Budget, r *lpdf.Reader, limit int) (pages []lpdf.Value, declared int, err error) {
	root := r.Trailer().Key("Root").Key("Pages")
	declared = int(root.Key("Count").Int64())
	if root.Key("Type").Name() == "Page" {
		return []lpdf.Value{root}, 1, nil
	}
	nodes := 0
	var walk func(node lpdf.Value, depth int) error
	walk = func(node lpdf.Value, depth int) error {
		if depth > maxTreeDepth {
			return fmt.Errorf("%w: it loops, or is nested more than %d levels deep", errPDFTree, maxTreeDepth)
		}
		kids := node.Key("Kids")
		for i := 0; i < kids.Len() && len(pages) < limit; i++ {
			if err := b.Step(); err != nil {
				return err
			}
			if nodes++; nodes > maxTreeNodes {
				return fmt.Errorf("%w: more than %d nodes (it may loop)", errPDFTree, maxTreeNodes)
			}
			kid := kids.Index(i)
			switch kid.Key("Type").Name() {
			case "Pages":
				if err := walk(kid, depth+1); err != nil {
					return err
				}
			case "Page":
				pages = append(pages, kid)
			}
		}
		return nil
	}
	if err := walk(root, 0); err != nil {
		return nil, declared, err
	}
	return pages, declared, nil
}

// inherited returns a page attribute that may be inherited from the
// page's ancestors (Resources, MediaBox…), following at most
// maxTreeDepth Parent links.
func inherited(page lpdf.Value, key string) lpdf.Value {
	for v, i := page, 0; !v.IsNull() && i <= maxTreeDepth; v, i = v.Key("Parent"), i+1 {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
	}
	return lpdf.Value{}
}
