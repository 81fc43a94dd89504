package notebook

import (
	"io"

	"github.com/glossnotes/gloss/notebook/search"
)

// searchKind is the search index as a derived index (see derived.go): kept
// between runs in the store cache "search-index" (storage names the file
// NAME.search-index), which loads several times faster than a rebuild (see
// notebook/search/BENCH.md). It holds nothing that is not in the notebook
// and may be deleted at any time.
type searchKind struct{}

var _ indexKind[*search.Index] = searchKind{}

func (searchKind) cacheName() string  { return "search-index" }
func (searchKind) cacheMagic() string { return "gloss-search-cache 2" }

func (searchKind) write(ix *search.Index, w io.Writer) error {
	_, err := ix.WriteTo(w)
	return err
}

func (searchKind) read(_ *Notebook, r io.Reader) (*search.Index, error) { return search.ReadIndex(r) }
