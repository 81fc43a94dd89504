package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/annotin"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// Annotations is the outcome of a file of annotations from another tool
// (a Hypothesis or W3C Web Annotation JSON export, a Readwise CSV), added
// to the articles already in the notebook or kept pending.
const Annotations Outcome = "annotations"

// annotFile is a parsed annotation export.
type annotFile struct {
	kind annotin.Kind
	recs []annotin.Record
}

// annotSniffBytes is how much of a file is read to tell an annotation
// export by its content.
const annotSniffBytes = 64 << 10

// maybeAnnotations reports whether a file is worth sniffing for
// annotations: any file that is not in one of the article formats (a
// .json, .jsonld or .csv file, or one without an extension), whatever
// its name says otherwise.
func maybeAnnotations(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return !slices.Contains(ingest.Extensions(), ext)
}

// sniffAnnotations tells an annotation export by the first bytes of a
// regular file (annotin.Sniff); it never reads more than annotSniffBytes.
func sniffAnnotations(path string) bool {
	if !maybeAnnotations(path) {
		return false
	}
	f, err := ingest.OpenRegular(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, annotSniffBytes)
	n, _ := io.ReadFull(f, head)
	_, ok := annotin.Sniff(head[:n])
	return ok
}

// parseAnnotations reads an annotation export within the importer's
// limits: annotin's own (size, nesting, records, field length) and the
// time limit of one file.
func parseAnnotations(ctx context.Context, path string) parsed {
	f, err := ingest.OpenRegular(path)
	if err != nil {
		return parsed{path: path, err: fmt.Errorf("import %s: %w", path, err)}
	}
	defer f.Close()
	lim := annotin.Limits{}
	if limits.Time > 0 {
		lim.Timeout = limits.Time
	}
	kind, recs, err := annotin.Parse(readerWithContext{ctx, f}, path, lim)
	if err != nil {
		return parsed{path: path, err: fmt.Errorf("import %s: %w", path, err)}
	}
	return parsed{path: path, annots: &annotFile{kind: kind, recs: recs}}
}

// readerWithContext stops reading when ctx is cancelled.
type readerWithContext struct {
	ctx context.Context
	r   io.Reader
}

func (r readerWithContext) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// importAnnotations adds a parsed annotation export to the notebook in one
// transaction; a file the notebook refuses (a note too long, a record
// without an ID) is refused whole, with nothing written.
func importAnnotations(nb *notebook.Notebook, p parsed) Result {
	rep, err := nb.ImportAnnotations(p.path, p.annots.kind, p.annots.recs)
	if err != nil {
		if errors.Is(err, notebook.ErrInvalid) {
			return refusal(p.path, err)
		}
		return Result{Path: p.path, Outcome: Refused, Reason: err.Error()}
	}
	return Result{Path: p.path, Outcome: Annotations, Annotations: &rep, Warnings: rep.Warnings,
		Reason: AnnotationSummary(rep)}
}

// AnnotationSummary is a one-line account of an annotation import, e.g.
// "hypothesis: 14 annotations: 12 matched (10 anchored, 1 moved, 1
// orphaned), 2 pending, 0 already imported".
func AnnotationSummary(r notebook.AnnotationImport) string {
	return fmt.Sprintf("%s: %d annotations: %d matched (%d anchored, %d moved, %d orphaned), %d pending, %d already imported",
		r.Format, r.Records, r.Matched, r.Anchored, r.Moved, r.Orphaned, r.Pending, r.Skipped)
}

// AnnotationTotals adds up the annotation imports among results.
func AnnotationTotals(rs []Result) (total notebook.AnnotationImport, files int) {
	for _, r := range rs {
		if a := r.Annotations; a != nil {
			files++
			total.Records += a.Records
			total.Matched += a.Matched
			total.Anchored += a.Anchored
			total.Moved += a.Moved
			total.Orphaned += a.Orphaned
			total.Pending += a.Pending
			total.Skipped += a.Skipped
		}
	}
	return total, files
}
