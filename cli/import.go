package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// importBatch is how many parsed articles go into one transaction.
const importBatch = 250

// importWorkers is how many files are parsed at once.
const importWorkers = 2

// importResult is one line of the import report.
type importResult struct {
	Path    string `json:"path"`
	Outcome string `json:"outcome"` // imported, duplicate, updated, refused
	ID      string `json:"id,omitempty"`
	Title   string `json:"title,omitempty"`
	Reason  string `json:"reason,omitempty"`
	// Report lists re-attached highlights when outcome is "updated".
	Report *notebook.ReattachReport `json:"report,omitempty"`
}

func importCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "import PATH...",
		Short: "Import files, folders (recursively) or standard input (-)",
		Long: `Import articles into the notebook. PATH may be a file, a folder (imported
recursively, files of known types only) or - for standard input (pasted
text; a first line that is a URL becomes the article's URL).

Supported: ` + strings.Join(ingest.Extensions(), " ") + `

A file whose text or URL is already in the notebook is reported as a
duplicate, not imported again. A refused file (binary, empty, too large,
unreadable) is reported with the reason and does not stop the others.
Exit code 1 if any file was refused.`,
		Args: minArgs(1, "at least one PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			paths, refused := collectPaths(args)
			results, err := importPaths(nb, e.stdin, paths, newProgress(e.stderr, len(paths)))
			results = append(results, refused...)
			if err != nil {
				return err
			}
			if e.json {
				if err := e.printJSON(results); err != nil {
					return err
				}
			} else {
				printImportSummary(e.stdout, results)
			}
			for _, r := range results {
				if r.Outcome == "refused" {
					return fmt.Errorf("%d of %d files refused", countOutcome(results, "refused"), len(results))
				}
			}
			return nil
		},
	}
}

// collectPaths expands folders into the files of known types below them.
// Paths that cannot be read are returned as refused results.
func collectPaths(args []string) (files []string, refused []importResult) {
	known := ingest.Extensions()
	for _, arg := range args {
		if arg == "-" {
			files = append(files, arg)
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			refused = append(refused, importResult{Path: arg, Outcome: "refused", Reason: err.Error()})
			continue
		}
		if !st.IsDir() {
			files = append(files, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				refused = append(refused, importResult{Path: p, Outcome: "refused", Reason: err.Error()})
				return nil
			}
			name := d.Name()
			if p != arg && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && slices.Contains(known, strings.ToLower(filepath.Ext(name))) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			refused = append(refused, importResult{Path: arg, Outcome: "refused", Reason: err.Error()})
		}
	}
	return files, refused
}

// parsed is one file after ingest, in input order.
type parsed struct {
	path  string
	draft ingest.Draft
	err   error
}

// importPaths parses files with importWorkers goroutines and adds them to
// the notebook in batches of importBatch per transaction, keeping the input
// order in the report.
func importPaths(nb *notebook.Notebook, stdin io.Reader, paths []string, prog *progress) ([]importResult, error) {
	results := make([]importResult, 0, len(paths))
	out := make([]chan parsed, len(paths))
	for i := range out {
		out[i] = make(chan parsed, 1)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range importWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] <- parseOne(paths[i], stdin)
			}
		}()
	}
	go func() {
		for i := range paths {
			jobs <- i
		}
		close(jobs)
	}()
	defer wg.Wait()

	var batch []parsed
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
			res := importResult{
				Path: batch[i].path, Outcome: string(r.Outcome), ID: r.Article.ID,
				Title: r.Article.Title, Reason: r.Reason, Report: r.Report,
			}
			if rep := r.Report; rep != nil {
				res.Reason = fmt.Sprintf("same URL, new text: version %d; highlights %d anchored, %d moved, %d orphaned",
					rep.Version, rep.Anchored, len(rep.Moved), len(rep.Orphaned))
			}
			results = append(results, res)
		}
		batch = batch[:0]
		return nil
	}
	for i := range paths {
		p := <-out[i]
		prog.step()
		if p.err != nil {
			// Keep the report in input order: flush what came before.
			if err := flush(); err != nil {
				return results, err
			}
			results = append(results, importResult{Path: p.path, Outcome: "refused", Reason: p.err.Error()})
			continue
		}
		batch = append(batch, p)
		if len(batch) >= importBatch {
			if err := flush(); err != nil {
				return results, err
			}
		}
	}
	err := flush()
	prog.done()
	return results, err
}

func parseOne(path string, stdin io.Reader) parsed {
	if path == "-" {
		data, err := readAllLimited(stdin)
		if err != nil {
			return parsed{path: path, err: err}
		}
		d, err := ingest.Paste(data)
		return parsed{path: path, draft: d, err: err}
	}
	d, err := ingest.File(path)
	return parsed{path: path, draft: d, err: err}
}

// readAllLimited reads standard input, refusing more than
// ingest.MaxFileSize bytes.
func readAllLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, ingest.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read standard input: %w", err)
	}
	if len(data) > ingest.MaxFileSize {
		return nil, fmt.Errorf("standard input: %w (over %d MB)", ingest.ErrTooLarge, ingest.MaxFileSize>>20)
	}
	return data, nil
}

func countOutcome(rs []importResult, outcome string) int {
	n := 0
	for _, r := range rs {
		if r.Outcome == outcome {
			n++
		}
	}
	return n
}

func printImportSummary(w io.Writer, rs []importResult) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTCOME\tID\tFILE\tDETAIL")
	for _, r := range rs {
		detail := r.Title
		if r.Reason != "" {
			detail = r.Reason
			if r.Title != "" {
				detail = r.Reason + ": " + r.Title
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Outcome, r.ID, r.Path, oneLine(detail, 80))
	}
	tw.Flush()
	fmt.Fprintf(w, "%d imported, %d updated, %d duplicate, %d refused\n",
		countOutcome(rs, "imported"), countOutcome(rs, "updated"), countOutcome(rs, "duplicate"), countOutcome(rs, "refused"))
}

// oneLine shortens s to at most n runes on one line.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
