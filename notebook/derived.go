package notebook

import (
	"bufio"
	"fmt"
	"io"
	"sync"
	"time"
)

// Derived indexes — search, event dates, text reuse — are computed from
// the stored records and never the source of truth. They share one
// lifecycle, implemented here once:
//
//   - built on first use (or in the background when the app warms them),
//     in one read transaction, or loaded from a cache the store keeps
//     beside the notebook when the cache reflects the notebook's current
//     state;
//   - kept current by every committed change (Notebook.update hands each
//     Change to each index, with the generation it committed at); changes
//     that commit while a build runs are queued and applied after it;
//   - saved beside the notebook on Close when they took changes, stamped
//     with the generation they reflect — the last one up to which every
//     change reached them — so a saved index is never used stale.
//
// An index that fails to apply a change is dropped and rebuilt on next use.

// indexKind is what one derived index does; derived runs the lifecycle.
type indexKind[T any] interface {
	// cacheName names the store cache ("search-index"), cacheMagic the
	// first words of its header line ("gloss-search-cache 1").
	cacheName() string
	cacheMagic() string
	// build makes the index from the notebook in one read transaction and
	// returns the generation that transaction saw.
	build(n *Notebook) (T, uint64, error)
	// apply brings the index up to date with a committed change.
	apply(n *Notebook, v T, c Change) error
	// write and read are the index's saved form (read may apply the
	// notebook's settings to what it loads).
	write(v T, w io.Writer) error
	read(n *Notebook, r io.Reader) (T, error)
}

// cacheMinBuild is how long a build must take before its result is worth
// writing to the cache file.
var cacheMinBuild = 200 * time.Millisecond

// derived holds one derived index and its state.
type derived[T any] struct {
	kind indexKind[T]

	mu       sync.Mutex
	value    T
	have     bool
	building bool
	built    chan struct{}
	err      error
	pending  []Change
	changed  bool // took changes since it was loaded or built
	// gen is the generation the index reflects: it has seen every change
	// committed up to it. ahead holds the generations of changes applied
	// past a gap (two commits whose notifications crossed).
	gen   uint64
	ahead map[uint64]bool
}

// get returns the index, loading or building it the first time; callers
// arriving during a build wait for it.
func (s *derived[T]) get(n *Notebook) (T, error) {
	var zero T
	s.mu.Lock()
	if s.have {
		v := s.value
		s.mu.Unlock()
		return v, nil
	}
	if s.building {
		ch := s.built
		s.mu.Unlock()
		<-ch
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.have {
			return zero, s.err
		}
		return s.value, nil
	}
	s.building, s.built, s.err = true, make(chan struct{}), nil
	s.mu.Unlock()

	v, gen, err := s.loadOrBuild(n)

	s.mu.Lock()
	defer s.mu.Unlock()
	s.changed = len(s.pending) > 0
	s.gen, s.ahead = gen, nil
	if err == nil {
		for _, c := range s.pending {
			if err = s.kind.apply(n, v, c); err != nil {
				break
			}
			s.seen(c.gen)
		}
	}
	s.pending = nil
	s.building = false
	close(s.built)
	if err != nil {
		s.err = err
		return zero, err
	}
	s.value, s.have = v, true
	return v, nil
}

// loadOrBuild returns the cached index when it matches the notebook's
// current generation, else builds one (and caches it when that was slow).
// It also returns the generation the index reflects.
func (s *derived[T]) loadOrBuild(n *Notebook) (T, uint64, error) {
	var zero T
	uid, gen, err := n.generation()
	if err != nil {
		return zero, 0, err
	}
	if v, ok := s.readCache(n, uid, gen); ok {
		return v, gen, nil
	}
	start := time.Now()
	v, built, err := s.kind.build(n)
	if err != nil {
		return zero, 0, err
	}
	if time.Since(start) >= cacheMinBuild {
		s.writeCache(n, v, uid, built)
	}
	return v, built, nil
}

// onChange keeps the index current after a committed change.
func (s *derived[T]) onChange(n *Notebook, c Change) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.building:
		s.pending = append(s.pending, c)
	case s.have:
		if c.empty() {
			s.seen(c.gen)
			return
		}
		s.changed = true
		if err := s.kind.apply(n, s.value, c); err != nil {
			// The index can no longer be trusted: rebuild on next use.
			var zero T
			s.value, s.have = zero, false
			return
		}
		s.seen(c.gen)
	}
}

// seen records that the index has taken the change committed at
// generation g, and advances s.gen over every generation now complete.
// The caller holds s.mu.
func (s *derived[T]) seen(g uint64) {
	switch {
	case g <= s.gen:
		return
	case g == s.gen+1:
		s.gen = g
		for s.ahead[s.gen+1] {
			delete(s.ahead, s.gen+1)
			s.gen++
		}
	default:
		if s.ahead == nil {
			s.ahead = map[uint64]bool{}
		}
		s.ahead[g] = true
	}
}

// save writes the index to its cache if it took changes since it was
// loaded, so the next run starts fast. Called by Close.
func (s *derived[T]) save(n *Notebook) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.have || !s.changed || s.building {
		return
	}
	uid, _, err := n.generation()
	if err != nil {
		return
	}
	// Stamp the generation the index reflects, not the notebook's current
	// one: a commit that landed but has not reached the index yet must
	// make the saved index stale.
	s.writeCache(n, s.value, uid, s.gen)
	s.changed = false
}

// readCache reads the saved index when its header names this notebook and
// generation.
func (s *derived[T]) readCache(n *Notebook, uid string, gen uint64) (T, bool) {
	var zero T
	f, err := n.store.OpenCache(s.kind.cacheName())
	if err != nil {
		return zero, false
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	line, err := r.ReadString('\n')
	if err != nil || line != fmt.Sprintf("%s %s %d\n", s.kind.cacheMagic(), uid, gen) {
		return zero, false
	}
	v, err := s.kind.read(n, r)
	if err != nil {
		return zero, false
	}
	return v, true
}

// writeCache saves the index; failures are ignored, since the cache is
// only an optimisation (a read-only folder, a full disk).
func (s *derived[T]) writeCache(n *Notebook, v T, uid string, gen uint64) {
	n.store.WriteCache(s.kind.cacheName(), func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		if _, err := fmt.Fprintf(bw, "%s %s %d\n", s.kind.cacheMagic(), uid, gen); err != nil {
			return err
		}
		if err := s.kind.write(v, bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// generation returns the notebook's current UID and generation.
func (n *Notebook) generation() (uid string, gen uint64, err error) {
	err = n.view(func(tx Tx) error {
		uid, gen = tx.Generation()
		return nil
	})
	return uid, gen, err
}
