package cli

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/internal/readlimit"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

func editCmd(e *env) *cobra.Command {
	var textFile string
	cmd := &cobra.Command{
		Use:   "edit ID --text-file F",
		Short: "Replace an article's text with a new version; highlights are re-attached",
		Long: `Replace an article's text (fix typos, paste a cleaner or newer copy).
The old text is kept as a version (see gloss versions). Every highlight is
re-attached to the new text: anchored (unchanged), moved (found elsewhere or
with small changes; its old quote is kept in its history) or orphaned (kept
with its quote and note; re-attach it by hand with gloss reattach).
--text-file - reads standard input.`,
		Args: exactArgs(1, "an article ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if textFile == "" {
				return usagef("--text-file is required")
			}
			data, err := readlimit.File(textFile, e.stdin, ingest.MaxFileSize, "text")
			if err != nil {
				return err
			}
			nb, id, err := e.resolve(args[0])
			if err != nil {
				return err
			}
			rep, err := nb.EditText(id, string(data))
			if err != nil {
				return fmt.Errorf("edit --text-file %s: %w", textFile, err)
			}
			if e.json {
				return e.printJSON(rep)
			}
			printReport(e, rep)
			return nil
		},
	}
	cmd.Flags().StringVar(&textFile, "text-file", "", "file with the new text (- for standard input)")
	return cmd
}

// printReport prints a re-attach report for people.
func printReport(e *env, rep notebook.ReattachReport) {
	e.printf("article %s is now at version %d: %d anchored, %d moved, %d orphaned\n",
		rep.ArticleID, rep.Version, rep.Anchored, len(rep.Moved), len(rep.Orphaned))
	for _, m := range rep.Moved {
		e.printf("  moved     %s (score %.2f)\n    was: %s\n    now: %s\n", m.ID, m.Score, oneLine(m.OldQuote, 100), oneLine(m.NewQuote, 100))
	}
	for _, o := range rep.Orphaned {
		e.printf("  orphaned  %s: %s\n", o.ID, oneLine(o.OldQuote, 100))
	}
	if len(rep.Orphaned) > 0 {
		e.printf("Orphans keep their quote and note; attach one to a new passage with: gloss reattach ID --quote TEXT\n")
	}
}

func versionsCmd(e *env) *cobra.Command {
	var show int
	cmd := &cobra.Command{
		Use:         "versions ID [--show N]",
		Annotations: readOnly,
		Short:       "List an article's earlier texts, or print one (--show N)",
		Args:        exactArgs(1, "an article ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, id, err := e.resolve(args[0])
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("show") {
				body, err := nb.VersionText(id, show)
				if err != nil {
					return err
				}
				if e.json {
					return e.printJSON(map[string]any{"id": id, "version": show, "text": body.Text})
				}
				e.printf("%s\n", body.Text)
				return nil
			}
			a, err := nb.Article(id)
			if err != nil {
				return err
			}
			vs, err := nb.Versions(id)
			if err != nil {
				return err
			}
			if e.json {
				if vs == nil {
					vs = []notebook.Version{}
				}
				return e.printJSON(map[string]any{"id": id, "current": a.Version, "versions": vs})
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "VERSION\tREPLACED\tREASON")
			for _, v := range vs {
				fmt.Fprintf(tw, "%d\t%s\t%s\n", v.Number, v.Saved.Format(time.RFC3339), v.Reason)
			}
			fmt.Fprintf(tw, "%d\t(current)\t\n", a.Version)
			return tw.Flush()
		},
	}
	cmd.Flags().IntVar(&show, "show", 0, "print the text of version N")
	return cmd
}

func reattachCmd(e *env) *cobra.Command {
	var spec notebook.HighlightSpec
	cmd := &cobra.Command{
		Use:   "reattach ANN_ID (--quote TEXT [--occurrence N] | --start S --end E)",
		Short: "Attach an annotation (e.g. an orphan) to a new passage of its article",
		Args:  exactArgs(1, "an annotation ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if spec.Quote == "" && !(f.Changed("start") && f.Changed("end")) {
				return usagef("give --quote, or --start and --end")
			}
			nb, id, err := e.resolve(args[0])
			if err != nil {
				return err
			}
			a, err := nb.Reattach(id, spec)
			if err != nil {
				return err
			}
			if e.json {
				out, err := annotationOut(nb, a)
				if err != nil {
					return err
				}
				return e.printJSON(out)
			}
			e.printf("re-attached %s to %q\n", a.ID, oneLine(a.Quote, 80))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&spec.Quote, "quote", "", "the new passage's text")
	f.IntVar(&spec.Occurrence, "occurrence", 0, "which occurrence of the quote (1 = first)")
	f.IntVar(&spec.Start, "start", 0, "start offset (code points)")
	f.IntVar(&spec.End, "end", 0, "end offset (code points, exclusive)")
	return cmd
}
