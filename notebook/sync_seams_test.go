package notebook

import (
	"encoding/binary"
	"math/rand/v2"

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

// SetExportHook calls fn with the records of every export commit (with
// their clocks) until the test ends; nil removes it.
func SetExportHook(fn func(nb *Notebook, recs []ExportedRecord)) {
	if fn == nil {
		exportHook = nil
		return
	}
	exportHook = func(n *Notebook, files []gsync.FileChange) {
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
}

// SetSyncPhaseHook calls fn as every sync reaches a phase (export, fetch,
// merge, apply, push; see phaseHook); nil removes it.
func SetSyncPhaseHook(fn func(phase string)) { phaseHook = fn }
