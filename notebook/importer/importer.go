// Package importer runs imports into a notebook the same way for the CLI
// and the desktop app: it expands folders, parses files in parallel, adds
// them in batched transactions, merges Gloss bundles, and reports one
// result per file in input order. One bad file never stops the others.
//
// Each file is parsed within ingest.DefaultLimits (20 seconds, 512 MB):
// the parsers check those limits themselves and stop with a reason
// ("took longer than 20 s, the limit for one file", "would need more than
// 512 MB of memory"). Go cannot stop a goroutine from outside, so as a
// last resort a parse that has not answered a few seconds after its time
// limit is abandoned: its file is refused with that reason, its result, if
// it ever comes, is ignored, its context is cancelled so that it stops at
// its next check, and the import moves on. Only regular files are read:
// folders are walked for regular files (and links to them) only, and a
// named pipe, device or socket given by name is refused with the reason,
// without being opened, since reading one may never end.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/glossnotes/gloss/internal/readlimit"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// Workers is how many files are parsed at once.
const Workers = 2

// batchArticles and batchBytes bound one transaction: at most this many
// articles or this many bytes of text and source, whichever comes first,
// so memory stays bounded on large folders.
const (
	batchArticles = 250
	batchBytes    = 32 << 20
)

// Stdin is the path that means standard input (pasted text).
const Stdin = "-"

// limits are the limits each file is parsed within; tests shorten them.
var limits = ingest.DefaultLimits

// grace is how long past its time limit a parse may take to stop by itself
// before it is abandoned.
var grace = 3 * time.Second

// Outcome is what became of one file.
type Outcome string

// Outcomes of one file: the notebook's AddOutcome values and two more.
const (
	Imported          = Outcome(notebook.Added)
	Duplicate         = Outcome(notebook.Duplicate)
	Updated           = Outcome(notebook.Updated)
	Refused   Outcome = "refused"
	Merged    Outcome = "merged" // a Gloss bundle was merged
)

// Result is one line of the import report.
type Result struct {
	Path    string  `json:"path"`
	Outcome Outcome `json:"outcome"` // imported, duplicate, updated, merged, refused
	ID      string  `json:"id,omitempty"`
	Title   string  `json:"title,omitempty"`
	// Reason says why a file was refused (the whole error, which names
	// the file), or what an update or merge did; Why gives it without the
	// path.
	Reason string `json:"reason,omitempty"`
	// Warnings are what the importer noticed about an imported file (a
	// charset guessed, a fallback extraction, ignored bytes).
	Warnings []string `json:"warnings,omitempty"`
	// Report lists re-attached highlights when Outcome is "updated".
	Report *notebook.ReattachReport `json:"report,omitempty"`
	// Merge counts what a bundle brought when Outcome is "merged".
	Merge *notebook.MergeReport `json:"merge,omitempty"`
	// Annotations counts what a file of annotations from another tool
	// brought when Outcome is "annotations" (annotations.go).
	Annotations *notebook.AnnotationImport `json:"annotations,omitempty"`
}

// Collect expands the given paths: files are kept (whatever their type, so
// that an unsupported one, or one that is not a regular file, is reported),
// folders are walked recursively for regular files of supported types
// (hidden files and folders, named pipes, devices and sockets skipped;
// links are followed to regular files), "-" is kept. Paths that cannot be
// read come back as refused results.
func Collect(paths []string) (files []string, refused []Result) {
	known := ingest.Extensions()
	for _, arg := range paths {
		if arg == Stdin {
			files = append(files, arg)
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			refused = append(refused, refusal(arg, err))
			continue
		}
		if !st.IsDir() {
			files = append(files, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				refused = append(refused, refusal(p, err))
				return nil
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !slices.Contains(known, strings.ToLower(filepath.Ext(d.Name()))) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(p)
				if err != nil || !st.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			refused = append(refused, refusal(arg, err))
		}
	}
	return files, refused
}

// Progress is told after each file how many of the total are done. It is
// called on the goroutine that called Run.
type Progress func(done, total int)

// parsed is one file after ingest.
type parsed struct {
	path   string
	draft  ingest.Draft
	bundle bool
	annots *annotFile // an annotation export (annotations.go)
	err    error
}

// Run imports files (as returned by Collect) into nb and returns one result
// per file, in order. stdin is read for the path "-". The error is for a
// failure of the notebook itself (the file results so far are returned
// with it); problems with single files are refused results.
//
// When ctx is cancelled (the app opens another notebook or quits), Run
// stops between files: batches already committed stay, the files not yet
// committed are not imported, and it returns the results so far with
// ctx's error once its workers have stopped.
func Run(ctx context.Context, nb *notebook.Notebook, files []string, stdin io.Reader, progress Progress) ([]Result, error) {
	results := make([]Result, 0, len(files))
	out := make([]chan parsed, len(files))
	for i := range out {
		out[i] = make(chan parsed, 1)
	}
	jobs := make(chan int)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] <- parseWithin(ctx, files[i], stdin)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	defer wg.Wait()
	defer close(stop)

	var batch []parsed
	size := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		drafts := make([]ingest.Draft, len(batch))
		for i, p := range batch {
			drafts[i] = p.draft
		}
		added, err := nb.AddArticles(drafts)
		if err != nil {
			return fmt.Errorf("import %s…: %w", batch[0].path, err)
		}
		for i, r := range added {
			res := Result{Path: batch[i].path, Outcome: Outcome(r.Outcome), ID: r.Article.ID, Title: r.Article.Title, Reason: r.Reason, Report: r.Report}
			if r.Outcome == notebook.Added {
				res.Warnings = batch[i].draft.Warnings
			}
			if rep := r.Report; rep != nil {
				res.Reason = fmt.Sprintf("same URL, new text: version %d; highlights %d anchored, %d moved, %d orphaned",
					rep.Version, rep.Anchored, len(rep.Moved), len(rep.Orphaned))
			}
			results = append(results, res)
		}
		batch, size = batch[:0], 0
		return nil
	}
	for i := range files {
		var p parsed
		select {
		case p = <-out[i]:
		case <-ctx.Done():
			return results, fmt.Errorf("import cancelled after %d of %d files: %w", len(results), len(files), ctx.Err())
		}
		if progress != nil {
			progress(i+1, len(files))
		}
		switch {
		case p.err != nil:
			// Keep the report in input order: flush what came before.
			if err := flush(); err != nil {
				return results, err
			}
			results = append(results, refusal(p.path, p.err))
		case p.bundle:
			if err := flush(); err != nil {
				return results, err
			}
			results = append(results, mergeBundle(nb, p.path))
		case p.annots != nil:
			// After the articles before it, so that its annotations find them.
			if err := flush(); err != nil {
				return results, err
			}
			results = append(results, importAnnotations(nb, p))
		default:
			batch = append(batch, p)
			size += len(p.draft.Text) + len(p.draft.Source)
			if len(batch) >= batchArticles || size >= batchBytes {
				if err := flush(); err != nil {
					return results, err
				}
			}
		}
	}
	return results, flush()
}

// parseWithin parses one file within limits (see the package comment):
// the parse runs in its own goroutine, and is abandoned when it has not
// answered grace after its time limit. Cancelling ctx stops the parse.
func parseWithin(ctx context.Context, path string, stdin io.Reader) parsed {
	var data []byte
	if path == Stdin {
		// Reading standard input is waiting for the user, not parsing: the
		// time limit starts after it.
		var err error
		if data, err = ReadLimited(stdin); err != nil {
			return parsed{path: path, err: err}
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The parse may outlive this call: it gets its own copies of what it
	// reads.
	lim, parse := limits, parseFile
	done := make(chan parsed, 1)
	go func() { done <- parse(ctx, path, data, lim) }()
	if lim.Time <= 0 {
		return <-done
	}
	timer := time.NewTimer(lim.Time + grace)
	defer timer.Stop()
	select {
	case p := <-done:
		return p
	case <-timer.C:
		return parsed{path: path, err: fmt.Errorf("import %s: %w (the parse was abandoned)", path, lim.TimeExceeded())}
	}
}

// parseFile is parseOne; tests replace it with a parse that never ends.
var parseFile = parseOne

// parseOne parses one file (or the data read from standard input) within
// lim and ctx.
func parseOne(ctx context.Context, path string, stdinData []byte, lim ingest.Limits) parsed {
	if path == Stdin {
		d, err := ingest.PasteContext(ctx, stdinData, lim)
		return parsed{path: path, draft: d, err: err}
	}
	// Refuse what is not a regular file before anything opens it: opening
	// a named pipe waits for a writer.
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		if why := ingest.NotRegular(st.Mode()); why != nil {
			return parsed{path: path, err: fmt.Errorf("import %s: %w", path, why)}
		}
	}
	if isBundle(path) {
		return parsed{path: path, bundle: true}
	}
	if sniffAnnotations(path) {
		return parseAnnotations(ctx, path)
	}
	d, err := ingest.FileContext(ctx, path, lim)
	if err == nil && strings.TrimSpace(d.Title) == "" {
		// No title in the document: its file name says more than "Untitled".
		d.Title = ingest.CleanField(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	}
	return parsed{path: path, draft: d, err: err}
}

// isBundle tells a Gloss bundle by its first bytes.
func isBundle(path string) bool {
	f, err := ingest.OpenRegular(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return notebook.IsBundle(f)
}

func mergeBundle(nb *notebook.Notebook, path string) Result {
	f, err := ingest.OpenRegular(path)
	if err != nil {
		return refusal(path, err)
	}
	defer f.Close()
	rep, err := nb.MergeBundle(f)
	if err != nil {
		return refusal(path, fmt.Errorf("bundle %s: %w", path, err))
	}
	return Result{Path: path, Outcome: Merged, Merge: &rep,
		Reason: fmt.Sprintf("bundle: %d articles added, %d updated; %d annotations added, %d updated",
			rep.ArticlesAdded, rep.ArticlesUpdated, rep.AnnotationsAdded, rep.AnnotationsUpdated)}
}

// refusal is the result of a file that was refused.
func refusal(path string, err error) Result {
	return Result{Path: path, Outcome: Refused, Reason: err.Error()}
}

// Why is the reason without the file's path, for a table or a dialog that
// shows the path beside it: errors from ingest and the file system name the
// file ("import PATH: why", "open PATH: why").
func (r Result) Why() string {
	why := r.Reason
	for _, op := range []string{"import ", "open ", "stat ", "lstat ", "read ", "bundle "} {
		why = strings.Replace(why, op+r.Path+": ", "", 1)
	}
	return why
}

// ReadLimited reads pasted text from r, refusing more than
// ingest.MaxFileSize bytes.
func ReadLimited(r io.Reader) ([]byte, error) {
	data, err := readlimit.Reader(r, "standard input", ingest.MaxFileSize, "pasted text")
	if errors.Is(err, readlimit.ErrTooLarge) {
		return nil, fmt.Errorf("%w: %w", ingest.ErrTooLarge, err)
	}
	return data, err
}

// Count returns how many results have the outcome.
func Count(rs []Result, outcome Outcome) int {
	n := 0
	for _, r := range rs {
		if r.Outcome == outcome {
			n++
		}
	}
	return n
}

// Summary is a one-line account of an import, e.g. "3 imported, 0 updated,
// 1 duplicate, 0 merged, 1 refused".
func Summary(rs []Result) string {
	return fmt.Sprintf("%d imported, %d updated, %d duplicate, %d merged, %d refused",
		Count(rs, Imported), Count(rs, Updated),
		Count(rs, Duplicate), Count(rs, Merged), Count(rs, Refused))
}
