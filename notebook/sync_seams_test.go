package notebook

import (
	"context"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"

	"github.com/oklog/ulid/v2"

	gsync "github.com/glossnotes/gloss/notebook/sync"
)

// Test seams of the sync tests (package notebook_test).

// SetIDSeed makes n's new IDs a function of seed and of its clock, so
// that a random test run can be repeated. Call it before n is used.
func SetIDSeed(n *Notebook, seed uint64) {
	n.entropy = ulid.Monotonic(&seededReader{rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)}, 0)
}

// seededReader reads bytes of a seeded generator.
type seededReader struct{ src *rand.PCG }

func (r *seededReader) Read(p []byte) (int, error) {
	var b [8]byte
	for i := 0; i < len(p); i += 8 {
		binary.LittleEndian.PutUint64(b[:], r.src.Uint64())
		copy(p[i:], b[:])
	}
	return len(p), nil
}

// ExportedRecord is a record an export wrote, as the export hook sees it.
type ExportedRecord struct {
	Path   string
	Record gsync.Record
}

// SetExportHook calls fn with the records of every export commit of nb
// (with their clocks); the returned function removes it. Tests running in
// parallel each see only their own notebooks' exports.
func SetExportHook(nb *Notebook, fn func(nb *Notebook, recs []ExportedRecord)) (remove func()) {
	exportHooksMu.Lock()
	defer exportHooksMu.Unlock()
	exportHooks[nb] = fn
	return func() {
		exportHooksMu.Lock()
		defer exportHooksMu.Unlock()
		delete(exportHooks, nb)
	}
}

var (
	exportHooksMu sync.Mutex
	exportHooks   = map[*Notebook]func(nb *Notebook, recs []ExportedRecord){}
)

// The hooks are looked up by notebook; set once, before any test runs, so
// that no sync reads exportHook while it is written.
func init() { exportHook = runExportHooks }

func runExportHooks(n *Notebook, files []gsync.FileChange) {
	exportHooksMu.Lock()
	fn := exportHooks[n]
	exportHooksMu.Unlock()
	if fn == nil {
		return
	}
	var recs []ExportedRecord
	for _, f := range files {
		switch k, _, _ := gsync.ParsePath(f.Path); k {
		case gsync.ArticleFile, gsync.AnnotationFile:
			if r, err := gsync.Decode(f.Path, f.Data); err == nil {
				recs = append(recs, ExportedRecord{Path: f.Path, Record: r})
			}
		}
	}
	fn(n, recs)
}

// SetSyncPhaseHook calls fn as every sync reaches a phase (export, fetch,
// merge, apply, push; see phaseHook); nil removes it.
func SetSyncPhaseHook(fn func(phase string)) { phaseHook = fn }

// SyncPendingRebuilt lists the files an export would write if the index
// of the synced commit were rebuilt from Git (its cache removed) and the
// notebook's generation were unknown: nothing, when every record's digest
// read back from Git matches the digest of the notebook's item.
func SyncPendingRebuilt(ctx context.Context, n *Notebook) ([]string, error) {
	st, _, err := n.loadSyncState()
	if err != nil {
		return nil, err
	}
	sc, closeRepo, err := n.openWorkingCopy(ctx, st)
	if err != nil {
		return nil, err
	}
	defer closeRepo()
	if err := os.Remove(filepath.Join(sc.repo.Dir, indexFile)); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	idx, err := loadIndex(sc, st.commit())
	if err != nil {
		return nil, err
	}
	ex, err := n.exportSnapshot(idx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range ex.records {
		out = append(out, r.path)
	}
	for h := range ex.texts {
		out = append(out, gsync.TextPath(h))
	}
	return append(out, ex.removed...), nil
}

// SyncExportNow runs an export as the next sync would (with the cached
// index) and reports whether it read only the journal's items, and the
// files it would write.
func SyncExportNow(ctx context.Context, n *Notebook) (partial bool, files []string, err error) {
	st, _, err := n.loadSyncState()
	if err != nil {
		return false, nil, err
	}
	sc, closeRepo, err := n.openWorkingCopy(ctx, st)
	if err != nil {
		return false, nil, err
	}
	defer closeRepo()
	idx, err := loadIndex(sc, st.commit())
	if err != nil {
		return false, nil, err
	}
	ex, err := n.exportSnapshot(idx)
	if err != nil {
		return false, nil, err
	}
	for _, r := range ex.records {
		files = append(files, r.path)
	}
	return ex.partial, append(files, ex.removed...), nil
}
