package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook"
)

func highlightCmd(e *env) *cobra.Command {
	var spec notebook.HighlightSpec
	var color string
	cmd := &cobra.Command{
		Use:   "highlight ARTICLE_ID (--quote TEXT [--occurrence N] | --start S --end E) [--color C] [--note N] [--tag T]...",
		Short: "Highlight a passage of an article",
		Long: `Highlight a passage, given by its text (--quote) or by character offsets
(--start, --end, counted in Unicode code points). A quote typed with ordinary
spaces also matches no-break spaces and line breaks in the text. When the
quote occurs more than once, --occurrence N picks the Nth.

Colours: ` + colorNames() + ` (default yellow).`,
		Args: exactArgs(1, "an article ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			byOffsets := f.Changed("start") || f.Changed("end")
			if (spec.Quote == "") == !byOffsets {
				return usagef("give either --quote or both --start and --end")
			}
			if byOffsets && !(f.Changed("start") && f.Changed("end")) {
				return usagef("--start and --end go together")
			}
			spec.Color = notebook.Color(color)
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			if spec.ArticleID, err = nb.Resolve(args[0]); err != nil {
				return err
			}
			a, err := nb.Highlight(spec)
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
			e.printf("highlighted %s in %s: %q\n", a.ID, a.Color, oneLine(a.Quote, 70))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&spec.Quote, "quote", "", "the passage's text")
	f.IntVar(&spec.Occurrence, "occurrence", 0, "which occurrence of the quote (1 = first); needed when it occurs more than once")
	f.IntVar(&spec.Start, "start", 0, "start offset (code points)")
	f.IntVar(&spec.End, "end", 0, "end offset (code points, exclusive)")
	f.StringVar(&color, "color", "yellow", "highlight colour")
	f.StringVar(&spec.Note, "note", "", "a note (Markdown)")
	f.StringArrayVar(&spec.Tags, "tag", nil, "a tag (repeatable); / nests, e.g. Sahel/Mali")
	return cmd
}

func colorNames() string {
	names := make([]string, len(notebook.Colors))
	for i, c := range notebook.Colors {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// annotationJSON is an annotation as the CLI prints it: the record, and
// the date of what its passage tells of when it has one.
type annotationJSON struct {
	notebook.Annotation
	Event *notebook.Event `json:"event,omitempty"`
}

// annotationOut is one annotation's output form (see annotationsOut).
func annotationOut(nb *notebook.Notebook, a notebook.Annotation) (annotationJSON, error) {
	out, err := annotationsOut(nb, []notebook.Annotation{a})
	if err != nil {
		return annotationJSON{}, err
	}
	return out[0], nil
}

// annotationsOut makes the JSON form stable (tags is never null) and adds
// each annotation's event date.
func annotationsOut(nb *notebook.Notebook, anns []notebook.Annotation) ([]annotationJSON, error) {
	evs, ok, err := nb.Events(anns)
	if err != nil {
		return nil, err
	}
	out := make([]annotationJSON, len(anns))
	for i, a := range anns {
		a.Tags = nonNil(a.Tags)
		out[i].Annotation = a
		if ok[i] {
			out[i].Event = &evs[i]
		}
	}
	return out, nil
}

func annotationsCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:         "annotations [ARTICLE_ID]",
		Annotations: readOnly,
		Short:       "List the annotations of one article (document order), or of all",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("want at most one article ID")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			id := ""
			if len(args) == 1 {
				if id, err = nb.Resolve(args[0]); err != nil {
					return err
				}
			}
			anns, err := nb.Annotations(id)
			if err != nil {
				return err
			}
			out, err := annotationsOut(nb, anns)
			if err != nil {
				return err
			}
			if e.json {
				return e.printJSON(out)
			}
			for _, a := range out {
				printAnnotation(e, a)
			}
			return nil
		},
	}
}

func printAnnotation(e *env, a annotationJSON) {
	status := ""
	if a.Status != notebook.Anchored {
		status = " [" + string(a.Status) + "]"
	}
	e.printf("%s  %s  %d–%d%s\n  > %s\n", a.ID, a.Color, a.Start, a.End, status, oneLine(a.Quote, 200))
	if a.Note != "" {
		for _, line := range strings.Split(strings.TrimRight(a.Note, "\n"), "\n") {
			e.printf("  %s\n", line)
		}
	}
	if len(a.Tags) > 0 {
		e.printf("  tags: %s\n", strings.Join(a.Tags, ", "))
	}
	if ev := a.Event; ev != nil {
		period := ev.Start
		switch {
		case ev.End == "":
			period += " onwards"
		case ev.End != ev.Start:
			period += " to " + ev.End
		}
		how := "read from " + strconv.Quote(ev.Evidence)
		if ev.UserSet {
			how = "set by you"
		}
		e.printf("  event: %s (%s, %s)\n", period, ev.Precision, how)
	}
	e.printf("\n")
}

func annotationCmd(e *env) *cobra.Command {
	var color, note, event string
	var tags []string
	cmd := &cobra.Command{
		Use:   "annotation ID [--color C] [--note N] [--tag T]... [--event-date DATE]",
		Short: "Show an annotation, or change its colour, note, tags or event date (--tag replaces all tags)",
		Long: `Show an annotation with the date of what its passage tells of, or change
its colour, note, tags (--tag replaces them all) or that date.

The event date is read from the highlighted passage (or its sentence) and
resolved against the article's publication date: "on January 19", "since
July 2022", "last week". --event-date sets it by hand — 2023-01-19, 2023-01
or 2023 — and Gloss never overwrites a date you set; "clear" says the
passage has no date; "auto" gives the date back to Gloss's reading.`,
		Args: exactArgs(1, "an annotation ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if !f.Changed("color") && !f.Changed("note") && !f.Changed("tag") && !f.Changed("event-date") {
				e.mode = notebook.ReadOnly // only shows the annotation
			}
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			var u notebook.AnnotationUpdate
			if f.Changed("color") {
				c := notebook.Color(color)
				u.Color = &c
			}
			if f.Changed("note") {
				u.Note = &note
			}
			if f.Changed("tag") {
				u.Tags = &tags
			}
			id, err := nb.Resolve(args[0])
			if err != nil {
				return err
			}
			var a notebook.Annotation
			if u == (notebook.AnnotationUpdate{}) {
				a, err = nb.Annotation(id)
			} else {
				a, err = nb.EditAnnotation(id, u)
			}
			if err == nil && f.Changed("event-date") {
				a, err = nb.SetEvent(id, event)
			}
			if err != nil {
				return err
			}
			out, err := annotationOut(nb, a)
			if err != nil {
				return err
			}
			if e.json {
				return e.printJSON(out)
			}
			printAnnotation(e, out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&color, "color", "", "new colour")
	f.StringVar(&note, "note", "", "new note (Markdown); empty removes it")
	f.StringArrayVar(&tags, "tag", nil, "tags (repeatable), replacing the current ones")
	f.StringVar(&event, "event-date", "", "the date the passage tells of: YYYY-MM-DD, YYYY-MM, YYYY, clear or auto")
	return cmd
}

func tagCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tag",
		Short: "Add, remove, rename, merge, colour, delete and list tags",
		Args:  exactArgs(0, "a subcommand: add, remove, rename, merge, color, delete or list"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return usagef("tag needs a subcommand: add, remove, rename, merge, color, delete or list")
		},
	}
	changed := func(what string, ids []string) {
		if !e.json {
			e.printf("%s: %s\n", what, strings.Join(ids, ", "))
		}
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "add ID TAG...",
		Short: "Tag an article or annotation",
		Args:  minArgs(2, "an ID and at least one TAG"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, id, err := e.resolve(args[0])
			if err != nil {
				return err
			}
			if err := nb.AddTags([]string{id}, args[1:]); err != nil {
				return err
			}
			changed("tagged "+id, args[1:])
			return e.maybeJSON(map[string]any{"id": id, "added": args[1:]})
		},
	}, &cobra.Command{
		Use:   "remove ID TAG...",
		Short: "Remove tags from an article or annotation",
		Args:  minArgs(2, "an ID and at least one TAG"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, id, err := e.resolve(args[0])
			if err != nil {
				return err
			}
			if err := nb.RemoveTags([]string{id}, args[1:]); err != nil {
				return err
			}
			changed("untagged "+id, args[1:])
			return e.maybeJSON(map[string]any{"id": id, "removed": args[1:]})
		},
	}, &cobra.Command{
		Use:   "rename OLD NEW",
		Short: "Rename a tag and its children everywhere",
		Args:  exactArgs(2, "OLD and NEW tag names"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.retag(args, (*notebook.Notebook).RenameTag, "renamed")
		},
	}, &cobra.Command{
		Use:   "merge FROM INTO",
		Short: "Move everything tagged FROM (and its children) to INTO and remove FROM",
		Args:  exactArgs(2, "FROM and INTO tag names"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.retag(args, (*notebook.Notebook).MergeTag, "merged")
		},
	}, &cobra.Command{
		Use:   "delete TAG",
		Short: "Remove a tag (and its children) from everything and delete it",
		Args:  exactArgs(1, "a TAG"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			n, err := nb.DeleteTag(args[0])
			if err != nil {
				return err
			}
			if !e.json {
				e.printf("deleted tag %q from %s\n", args[0], count(n, "item", "items"))
			}
			return e.maybeJSON(map[string]any{"deleted": args[0], "items": n})
		},
	}, &cobra.Command{
		Use:   "color TAG COLOR",
		Short: "Set a tag's colour (" + colorNames() + "; \"\" clears)",
		Args:  exactArgs(2, "a TAG and a COLOR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			if err := nb.SetTagColor(args[0], args[1]); err != nil {
				return err
			}
			return e.maybeJSON(map[string]any{"tag": args[0], "color": args[1]})
		},
	}, &cobra.Command{
		Use:         "list",
		Annotations: readOnly,
		Short:       "List tags with the number of articles and annotations under each",
		Args:        exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			tags, err := nb.Tags()
			if err != nil {
				return err
			}
			if e.json {
				if tags == nil {
					tags = []notebook.TagCount{}
				}
				return e.printJSON(tags)
			}
			for _, t := range tags {
				depth := strings.Count(t.Name, "/")
				leaf := t.Name[strings.LastIndex(t.Name, "/")+1:]
				e.printf("%s%s  (%s, %s)\n", strings.Repeat("  ", depth), leaf, count(t.Articles, "article", "articles"), count(t.Annotations, "annotation", "annotations"))
			}
			return nil
		},
	})
	return cmd
}

func (e *env) retag(args []string, op func(*notebook.Notebook, string, string) (int, error), verb string) error {
	nb, err := e.notebook()
	if err != nil {
		return err
	}
	n, err := op(nb, args[0], args[1])
	if err != nil {
		return err
	}
	if !e.json {
		e.printf("%s %q → %q on %s\n", verb, args[0], args[1], count(n, "item", "items"))
	}
	return e.maybeJSON(map[string]any{"from": args[0], "to": args[1], "items": n})
}

// maybeJSON prints v when --json is set.
func (e *env) maybeJSON(v any) error {
	if !e.json {
		return nil
	}
	return e.printJSON(v)
}
