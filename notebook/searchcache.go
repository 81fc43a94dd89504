package notebook

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"github.com/glossnotes/gloss/notebook/search"
)

// The search index is kept between runs in a cache the store keeps beside
// the notebook ("search-index"; storage names the file
// NAME.search-index): loading it is several times faster than
// rebuilding it (see notebook/search/BENCH.md). The file starts with a
// header naming the notebook's UID and generation it was made from; it is
// used only when both still match, so any committed change since makes it
// stale and it is rebuilt. It holds nothing that is not in the notebook and
// may be deleted at any time.
const searchCacheMagic = "gloss-search-cache 1"

// cacheMinBuild is how long a build must take before its result is worth
// writing to the cache file.
var cacheMinBuild = 200 * time.Millisecond

// searchCacheName is the store cache that holds the search index.
const searchCacheName = "search-index"

// generation returns the notebook's current UID and generation.
func (n *Notebook) generation() (uid string, gen uint64, err error) {
	err = n.view(func(tx Tx) error {
		uid, gen = tx.Generation()
		return nil
	})
	return uid, gen, err
}

// loadOrBuildIndex returns the cached index when it matches the notebook's
// current generation, else builds one (and caches it when that was slow).
// It also returns the generation the index reflects.
func (n *Notebook) loadOrBuildIndex() (*search.Index, uint64, error) {
	uid, gen, err := n.generation()
	if err != nil {
		return nil, 0, err
	}
	if ix, ok := n.readSearchCache(uid, gen); ok {
		return ix, gen, nil
	}
	start := time.Now()
	ix, built, err := n.buildIndex()
	if err != nil {
		return nil, 0, err
	}
	if time.Since(start) >= cacheMinBuild {
		n.writeSearchCache(ix, uid, built)
	}
	return ix, built, nil
}

func (n *Notebook) readSearchCache(uid string, gen uint64) (*search.Index, bool) {
	f, err := n.store.OpenCache(searchCacheName)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var magicA, magicB, fileUID string
	var fileGen uint64
	if _, err := fmt.Fscanf(r, "%s %s %s %d\n", &magicA, &magicB, &fileUID, &fileGen); err != nil {
		return nil, false
	}
	if magicA+" "+magicB != searchCacheMagic || fileUID != uid || fileGen != gen {
		return nil, false
	}
	ix, err := search.ReadIndex(r)
	if err != nil {
		return nil, false
	}
	return ix, true
}

// writeSearchCache saves the index; failures are ignored, since the cache
// is only an optimisation (a read-only folder, a full disk).
func (n *Notebook) writeSearchCache(ix *search.Index, uid string, gen uint64) {
	n.store.WriteCache(searchCacheName, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		if _, err := fmt.Fprintf(bw, "%s %s %d\n", searchCacheMagic, uid, gen); err != nil {
			return err
		}
		if _, err := ix.WriteTo(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}
