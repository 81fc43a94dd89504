package cli

import (
	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook"
)

func searchCmd(e *env) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search highlights, notes, tags and article titles",
		Args:  minArgs(1, "a QUERY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			query := args[0]
			for _, a := range args[1:] {
				query += " " + a
			}
			hits, err := nb.Search(query, limit)
			if err != nil {
				return err
			}
			if e.json {
				if hits == nil {
					hits = []notebook.SearchHit{}
				}
				return e.printJSON(hits)
			}
			for _, h := range hits {
				if h.Annotation != nil {
					e.printf("%s  %s\n  > %s\n", h.ID, oneLine(h.Title, 70), oneLine(h.Annotation.Quote, 160))
					if h.Annotation.Note != "" {
						e.printf("  %s\n", oneLine(h.Annotation.Note, 160))
					}
				} else {
					e.printf("%s  [article] %s\n", h.ID, oneLine(h.Title, 70))
				}
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 20, "at most this many results (0: all)")
	return cmd
}
