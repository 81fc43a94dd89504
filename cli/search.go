package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook"
)

func searchCmd(e *env) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:         "search QUERY",
		Annotations: readOnly,
		Short:       "Fuzzy-search highlights, notes, tags, titles and article text",
		Long: `Search everything, forgiving typos and abbreviations. Words must all match
(lav finds Lavrov, Lavrow finds Lavrov, wgnr finds Wagner); "quoted words"
match as a phrase; -word excludes.

Operators:
  tag:Sahel            tagged Sahel or a child such as Sahel/Mali
  tag:"Russia–Africa ties"
  color:red            highlight colour
  in:mali              article title words
  by:mugabi  outlet:dw byline / outlet
  has:note             annotations with a note
  is:orphan            annotations that lost their passage after an edit
  is:highlight  is:article
  after:2023-01-01  before:2023-03   article published date

Matched parts are shown in bold on a terminal; --json gives their
character ranges.`,
		Args: minArgs(1, "a QUERY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			hits, err := nb.Search(strings.Join(args, " "), limit)
			if err != nil {
				return err
			}
			if e.json {
				return e.printJSON(hits)
			}
			bold := isTerminal(e.stdout)
			for _, h := range hits {
				printHit(e, h, bold)
			}
			if len(hits) == 0 {
				e.printf("no matches\n")
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 20, "at most this many results")
	return cmd
}

func printHit(e *env, h notebook.SearchHit, bold bool) {
	if h.Annotation != nil {
		a := h.Annotation
		status := ""
		if a.Status == notebook.Orphaned {
			status = " [orphaned]"
		}
		e.printf("%s  %s highlight in %q%s\n", h.ID, a.Color, oneLine(h.Title, 60), status)
	} else {
		e.printf("%s  article %q\n", h.ID, oneLine(h.Title, 70))
	}
	for _, m := range h.Matches {
		text := emphasise(m.Text, m.Ranges, bold)
		if m.Field == "body" {
			text = "…" + text + "…"
		}
		e.printf("  %-6s %s\n", m.Field+":", oneLine(text, 400))
	}
	e.printf("\n")
}

// emphasise marks the ranges (code-point offsets) of text: ANSI bold on a
// terminal, **…** otherwise.
func emphasise(text string, ranges [][2]int, ansi bool) string {
	open, close := "**", "**"
	if ansi {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	runes := []rune(text)
	var b strings.Builder
	pos := 0
	for _, r := range ranges {
		if r[0] < pos || r[1] > len(runes) || r[0] >= r[1] {
			continue
		}
		b.WriteString(string(runes[pos:r[0]]))
		b.WriteString(open + string(runes[r[0]:r[1]]) + close)
		pos = r[1]
	}
	b.WriteString(string(runes[pos:]))
	return b.String()
}
