package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook"
)

func pendingCmd(e *env) *cobra.Command {
	var drop []string
	cmd := &cobra.Command{
		Use:   "pending [--drop ID...]",
		Short: "List imported annotations waiting for their article, grouped by URL",
		Long: `List the annotations imported from Hypothesis, Readwise or a W3C file
(gloss import FILE) whose article is not in the notebook yet, grouped by the
document's URL (or title). Each attaches itself, anchored in the text, when
an article with that URL (ignoring http/https, www., a trailing slash,
tracking parameters and AMP variants) or, failing a URL, that exact title is
imported.

--drop ID discards pending annotations for good (repeatable); importing
their file again does not bring them back.`,
		Args: exactArgs(0, "no arguments (use --drop ID)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			if len(drop) > 0 {
				n, err := nb.DeletePending(drop...)
				if err != nil {
					return err
				}
				if e.json {
					return e.printJSON(map[string]int{"dropped": n})
				}
				e.printf("dropped %s\n", count(n, "pending annotation", "pending annotations"))
				return nil
			}
			groups, err := nb.Pending()
			if err != nil {
				return err
			}
			if e.json {
				if groups == nil {
					groups = []notebook.PendingGroup{}
				}
				return e.printJSON(groups)
			}
			printPending(e, groups)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&drop, "drop", nil, "discard this pending annotation (repeatable)")
	return cmd
}

// printPending prints the groups: a heading per document, a line per
// annotation.
func printPending(e *env, groups []notebook.PendingGroup) {
	if len(groups) == 0 {
		e.printf("no pending annotations\n")
		return
	}
	total := 0
	for _, g := range groups {
		head := printable(g.URL)
		if head == "" {
			head = "(no URL)"
		}
		if g.Title != "" {
			head += "  " + printable(oneLine(g.Title, 70))
		}
		e.printf("%s\n", head)
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, p := range g.Annotations {
			quote := oneLine(p.Quote, 60)
			if quote == "" {
				quote = "(page note)"
			}
			detail := ""
			if p.Note != "" {
				detail = "note: " + oneLine(p.Note, 40)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", p.ID, p.Source, printable("“"+quote+"”"), printable(detail))
		}
		tw.Flush()
		total += len(g.Annotations)
	}
	e.printf("%s on %s\n", count(total, "pending annotation", "pending annotations"), count(len(groups), "document", "documents"))
}
