package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/internal/outfile"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/timeline"
)

func timelineCmd(e *env) *cobra.Command {
	var articles []string
	var tag, query, lanes, format, output string
	var all, undated bool
	cmd := &cobra.Command{
		Use:         "timeline (--tag T | --query Q | --article ID... | --all) [--lanes tag|outlet|article] [--format json|csv|timelinejs|svg|html] [-o FILE] [--include-undated]",
		Annotations: readOnly,
		Short:       "A chronology of what your highlights tell of, across articles",
		Long: `Build a timeline from highlights: each highlight's date is the date its
passage tells of ("on January 19", "since July 2022", "last week", resolved
against the article's publication date) or the date you set with
gloss annotation ID --event-date. Highlights are in chronological order,
with the date each article was published, so the gap between an event and
its reporting shows.

Scope: --tag T (with its children), --query Q (the search language),
--article ID (repeatable), or --all.

Formats (default: a table on standard output; --json is --format json):
  json        a list, one entry per dated highlight: annotation_id,
              article_id, quote, start, end (left out for an open period),
              precision, evidence, relative, user_set, published
  csv         one row per dated highlight
  timelinejs  Knight Lab TimelineJS's JSON (lanes as groups), to publish
  svg, html   a self-contained picture (html: with a table), for a report

--include-undated lists the highlights without a date too: after the dated
ones in the table and CSV; in JSON the output is then an object
{"dated": [...], "undated": [...]}.`,
		Args: exactArgs(0, "no arguments (use --article ID)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			scope := notebook.ExportScope{Tag: tag, Query: query, All: all}
			if scope.IsEmpty() && len(articles) == 0 {
				return usagef("say which highlights: --tag T, --query Q, --article ID or --all")
			}
			ln, err := notebook.ParseLanes(lanes)
			if err != nil {
				return usageError{err}
			}
			if e.json && format == "" {
				format = "json"
			}
			switch format {
			case "", "json", "csv", "timelinejs", "svg", "html":
			default:
				return usagef("--format %q: want json, csv, timelinejs, svg or html", format)
			}
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			for _, a := range articles {
				id, err := nb.Resolve(a)
				if err != nil {
					return err
				}
				scope.ArticleIDs = append(scope.ArticleIDs, id)
			}
			dated, undatedItems, err := nb.Timeline(scope, ln)
			if err != nil {
				return err
			}
			if !undated {
				undatedItems = nil
			} else if undatedItems == nil {
				undatedItems = []timeline.Item{} // the flag, not the count, sets the JSON's shape
			}
			fill := func(w io.Writer) error { return writeTimeline(w, format, dated, undatedItems, timelineTitle(scope)) }
			if output == "" {
				if err := fill(e.stdout); err != nil {
					return fmt.Errorf("timeline to standard output: %w", err)
				}
				return nil
			}
			if err := outfile.Write(nb, output, fill); err != nil {
				return fmt.Errorf("timeline: %w", err)
			}
			e.printf("wrote %d dated highlights to %s\n", len(dated), output)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&articles, "article", nil, "an article ID or ID prefix (repeatable)")
	f.StringVar(&tag, "tag", "", "a tag (its children are included)")
	f.StringVar(&query, "query", "", "a search query")
	f.BoolVar(&all, "all", false, "every highlight")
	f.StringVar(&lanes, "lanes", "tag", "rows by tag, outlet or article")
	f.StringVar(&format, "format", "", "json, csv, timelinejs, svg or html (default: a table)")
	f.StringVarP(&output, "output", "o", "", "write to FILE instead of standard output")
	f.BoolVar(&undated, "include-undated", false, "list the highlights without a date too")
	return cmd
}

// timelineTitle names a timeline after its scope.
func timelineTitle(s notebook.ExportScope) string {
	switch {
	case s.Tag != "":
		return "Timeline: " + s.Tag
	case s.Query != "":
		return "Timeline: “" + s.Query + "”"
	}
	return "Timeline"
}

// writeTimeline writes the timeline in a format ("" is a table).
func writeTimeline(w io.Writer, format string, dated, undated []timeline.Item, title string) error {
	colors := map[string]string{}
	for c, hex := range notebook.PrintColors {
		colors[string(c)] = hex
	}
	opt := timeline.Options{Colors: colors, Title: title}
	switch format {
	case "json":
		if undated == nil {
			return timeline.WriteJSON(w, dated)
		}
		io.WriteString(w, `{"dated": `)
		if err := timeline.WriteJSON(w, dated); err != nil {
			return err
		}
		io.WriteString(w, `, "undated": `)
		if err := timeline.WriteJSON(w, undated); err != nil {
			return err
		}
		_, err := io.WriteString(w, "}\n")
		return err
	case "csv":
		return timeline.WriteCSV(w, append(dated, undated...))
	case "timelinejs":
		return timeline.WriteTimelineJS(w, dated)
	case "svg":
		return timeline.WriteSVG(w, dated, opt)
	case "html":
		return timeline.WriteHTML(w, dated, opt)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tPRECISION\tPUBLISHED\tLANE\tPASSAGE")
	for _, it := range dated {
		when := it.Start.Format("2006-01-02")
		switch {
		case it.End.IsZero():
			when += " →"
		case !it.End.Equal(it.Start):
			when += " – " + it.End.Format("2006-01-02")
		}
		pub := "-"
		if it.PubKnown {
			pub = it.Published.Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", when, it.Precision, pub, oneLine(it.Lane, 24), oneLine(it.Quote, 70))
	}
	for _, it := range undated {
		fmt.Fprintf(tw, "(undated)\t\t\t%s\t%s\n", oneLine(it.Lane, 24), oneLine(it.Quote, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d dated highlights%s\n", len(dated), undatedNote(undated))
	return err
}

func undatedNote(undated []timeline.Item) string {
	if len(undated) == 0 {
		return ""
	}
	return fmt.Sprintf(", %d without a date", len(undated))
}
