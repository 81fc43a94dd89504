package cli

import (
	"context"
	"strconv"
	"unicode"

	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook/importer"
	"github.com/glossnotes/gloss/notebook/ingest"
)

func importCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "import PATH...",
		Short: "Import files, folders (recursively), Gloss bundles, annotations from Hypothesis, Readwise or W3C, or standard input (-)",
		Long: `Import articles into the notebook. PATH may be a file, a folder (imported
recursively, files of known types only, parsed by two workers in parallel),
a Gloss bundle (gloss export --all --format bundle; merged by ID), a file of
annotations made in another tool, or - for standard input (pasted text; a
first line that is a URL becomes the article's URL).

Supported: ` + strings.Join(ingest.Extensions(), " ") + `

Annotations, recognised by their content (a file named on the command line):
  Hypothesis   the JSON its API returns (rows, or the client's download)
  W3C          a Web Annotation collection (JSON-LD), e.g. gloss export --format json
  Readwise     a Readwise CSV export (Highlight, Book Title, URL, Note, Tags, …)
Each annotation is matched to an article already here by URL (ignoring
http/https, www., a trailing slash, tracking parameters and AMP variants),
else by exact title, and anchored from its quote and context; a quote not
found becomes an orphaned highlight that keeps its quote and note. One
whose article is not here yet is kept pending (gloss pending) and attaches
itself when the article is imported. Importing the same file again changes
nothing. A file that cannot be read whole (wrong types, huge numbers, deep
nesting, a field too long) is refused and nothing of it is written.

A file whose text is already in the notebook is reported as a duplicate.
A file with the URL of an article already here but a new text becomes that
article's new version, with its highlights re-attached. A refused file
(binary, empty, too large, unreadable) is reported with the reason and does
not stop the others. Exit code 1 if any file was refused.`,
		Args: minArgs(1, "at least one PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			files, refused := importer.Collect(args)
			bar := newProgress(e.stderr, len(files))
			results, err := importer.Run(context.Background(), nb, files, e.stdin, func(done, total int) { bar.step() })
			bar.done()
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
			if n := importer.Count(results, importer.Refused); n > 0 {
				return fmt.Errorf("%d of %d files refused", n, len(results))
			}
			return nil
		},
	}
}

func printImportSummary(w io.Writer, rs []importer.Result) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTCOME\tID\tFILE\tDETAIL")
	for _, r := range rs {
		// The reason is shown whole (the path is in the FILE column);
		// titles are shortened to keep the table readable.
		detail := oneLine(r.Title, 80)
		switch {
		case r.Reason != "" && r.Title != "":
			detail = oneLine(r.Why(), 0) + ": " + detail
		case r.Reason != "":
			detail = oneLine(r.Why(), 0)
		}
		for _, w := range r.Warnings {
			detail += " (warning: " + oneLine(w, 0) + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Outcome, r.ID, printable(r.Path), printable(detail))
	}
	tw.Flush()
	fmt.Fprintln(w, importer.Summary(rs))
	if total, files := importer.AnnotationTotals(rs); files > 0 {
		fmt.Fprintf(w, "annotations from %d files: %d matched (%d anchored, %d moved, %d orphaned), %d pending, %d already imported\n",
			files, total.Matched, total.Anchored, total.Moved, total.Orphaned, total.Pending, total.Skipped)
	}
}

// printable returns s as is, or Go-quoted when it holds a control or
// bidirectional-override character: file names come from the file system
// and may carry a terminal escape or a line break.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r >= '\u202a' && r <= '\u202e' }) >= 0 {
		return strconv.Quote(s)
	}
	return s
}

// oneLine puts s on one line and shortens it to at most n runes (n = 0:
// no limit).
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if n <= 0 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
