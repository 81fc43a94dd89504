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
// itself loops forever. pdfPageList walks the tree once, depth first,
// with limits on its depth and size, and pdfInherited follows Parent
// links a bounded number of times.

// pdfMaxTreeDepth bounds the depth of the page tree (real trees are a few
// levels deep) and the Parent links followed for an inherited attribute.
const pdfMaxTreeDepth = 64

// pdfMaxTreeNodes bounds the nodes of the page tree visited: the pages
// read and the nodes above them.
const pdfMaxTreeNodes = 4*pdfMaxPages + 1024

// errPDFTree is wrapped by the errors of a page tree that cannot be read.
var errPDFTree = errors.New("damaged page tree")

// pdfPageList returns the page dictionaries of a document in order, at most
// limit of them, and the number of pages the document declares.
func pdfPageList(b *budget.Budget, r *lpdf.Reader, limit int) (pages []lpdf.Value, declared int, err error) {
	root := r.Trailer().Key("Root").Key("Pages")
	declared = int(root.Key("Count").Int64())
	if root.Key("Type").Name() == "Page" {
		return []lpdf.Value{root}, 1, nil
	}
	nodes := 0
	var walk func(node lpdf.Value, depth int) error
	walk = func(node lpdf.Value, depth int) error {
		if depth > pdfMaxTreeDepth {
			return fmt.Errorf("%w: it loops, or is nested more than %d levels deep", errPDFTree, pdfMaxTreeDepth)
		}
		kids := node.Key("Kids")
		for i := 0; i < kids.Len() && len(pages) < limit; i++ {
			if err := b.Step(); err != nil {
				return err
			}
			if nodes++; nodes > pdfMaxTreeNodes {
				return fmt.Errorf("%w: more than %d nodes (it may loop)", errPDFTree, pdfMaxTreeNodes)
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

// pdfInherited returns a page attribute that may be inherited from the
// page's ancestors (Resources, MediaBox…), following at most
// pdfMaxTreeDepth Parent links.
func pdfInherited(page lpdf.Value, key string) lpdf.Value {
	for v, i := page, 0; !v.IsNull() && i <= pdfMaxTreeDepth; v, i = v.Key("Parent"), i+1 {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
	}
	return lpdf.Value{}
}
