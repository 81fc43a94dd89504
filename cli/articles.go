package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/internal/readlimit"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// articleOut is an article as printed with --json ("text" and "kinds" in
// show only).
type articleOut struct {
	notebook.ArticleSummary
	Text string `json:"text,omitempty"`
	// Kinds names the kind of every paragraph of Text, in order: "body",
	// "heading", "quote", "caption" or "item".
	Kinds []string `json:"kinds,omitempty"`
}

// printArticleJSON prints an article as "gloss articles --json" lists it
// (with its annotation count), read after a change.
func (e *env) printArticleJSON(nb *notebook.Notebook, id string) error {
	a, err := nb.Article(id)
	if err != nil {
		return err
	}
	a.Tags = nonNil(a.Tags)
	return e.printJSON(articleOut{ArticleSummary: a})
}

// kindNames gives one kind name per paragraph of a text (paragraphs are
// separated by a blank line); paragraphs without a stored kind are body
// text.
func kindNames(body notebook.Body) []string {
	if body.Text == "" {
		return nil
	}
	n := strings.Count(body.Text, "\n\n") + 1
	names := make([]string, n)
	for i := range names {
		k := ingest.Body
		if i < len(body.Kinds) {
			k = body.Kinds[i]
		}
		names[i] = k.String()
	}
	return names
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func listCmd(e *env) *cobra.Command {
	var opt notebook.ListOptions
	var after, before string
	cmd := &cobra.Command{
		Use:         "list",
		Annotations: readOnly,
		Short:       "List articles",
		Long: `List articles (ID, publication date, outlet, number of highlights, title).

--tag T lists the articles under the tag T: those tagged T or one of its
children (T/…), themselves or through one of their highlights. The desktop
app's tag filter shows the same articles.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opt.After, err = notebook.ParseDate(after); err != nil {
				return usagef("--after: %v", err)
			}
			if opt.Before, err = notebook.ParseDate(before); err != nil {
				return usagef("--before: %v", err)
			}
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			arts, err := nb.Articles(opt)
			if err != nil {
				return err
			}
			if e.json {
				out := make([]articleOut, len(arts))
				for i, a := range arts {
					a.Tags = nonNil(a.Tags)
					out[i] = articleOut{ArticleSummary: a}
				}
				return e.printJSON(out)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tPUBLISHED\tOUTLET\tNOTES\tTITLE")
			for _, a := range arts {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", a.ID, orDash(a.Published.String()), orDash(oneLine(a.Outlet, 20)), a.Annotations, oneLine(a.Title, 70))
			}
			return tw.Flush()
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.Tag, "tag", "", "only articles under this tag: tagged with it or a child tag, themselves or through a highlight")
	f.StringVar(&opt.Outlet, "outlet", "", "only articles from this outlet")
	f.StringVar(&after, "after", "", "published on or after this date (YYYY[-MM[-DD]])")
	f.StringVar(&before, "before", "", "published before this date (YYYY[-MM[-DD]])")
	f.StringVar(&opt.Sort, "sort", "added", "order: added, published or title")
	f.BoolVar(&opt.Reverse, "reverse", false, "reverse the order")
	return cmd
}

// count is n with its noun, singular for one: "1 article", "3 articles".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func showCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:         "show ID",
		Annotations: readOnly,
		Short:       "Show an article's metadata, note and text",
		Long: `Show an article's metadata, note and text.

With --json, "text" holds the paragraphs separated by blank lines, and
"kinds" names the kind of each of them, in order: "body", "heading",
"quote", "caption" (a figure caption, not the article's own text) or
"item" (a list item).`,
		Args: exactArgs(1, "an article ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, id, err := e.resolve(args[0])
			if err != nil {
				return err
			}
			a, err := nb.Article(id)
			if err != nil {
				return err
			}
			body, err := nb.Text(a.ID)
			if err != nil {
				return err
			}
			if e.json {
				a.Tags = nonNil(a.Tags)
				return e.printJSON(articleOut{ArticleSummary: a, Text: body.Text, Kinds: kindNames(body)})
			}
			e.printf("%s\n", a.Title)
			for _, kv := range [][2]string{
				{"ID", a.ID}, {"By", a.Byline}, {"Outlet", a.Outlet}, {"Published", a.Published.String()},
				{"URL", a.URL}, {"Cite key", a.CiteKey}, {"Tags", strings.Join(a.Tags, ", ")},
				{"Added", a.Added.Format("2006-01-02 15:04")},
				{"Highlights", fmt.Sprint(a.Annotations)},
			} {
				if kv[1] != "" {
					e.printf("%-11s %s\n", kv[0]+":", kv[1])
				}
			}
			if a.Note != "" {
				e.printf("\nNote:\n%s\n", a.Note)
			}
			e.printf("\n%s\n", body.Text)
			return nil
		},
	}
}

func setCmd(e *env) *cobra.Command {
	var title, byline, outlet, url, published, language, citekey string
	cmd := &cobra.Command{
		Use:   "set ID [--title T] [--byline B] [--outlet O] [--url U] [--published DATE] [--language L] [--citekey KEY]",
		Short: "Edit an article's metadata or citation key",
		Long: `Edit an article's metadata or its citation key.

The citation key (e.g. keller2024tariffs) is what pandoc, BibLaTeX and
Zotero cite the article by. Gloss makes it when the article is imported and
never changes it on its own: editing the byline or title keeps it. --citekey
KEY sets it: 1 to 128 ASCII letters, digits and _ (with - : . + / inside),
not used by another article (compared without case); exit code 2 otherwise.
--citekey "" makes a new one from the current metadata.`,
		Args: exactArgs(1, "an article ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var u notebook.ArticleUpdate
			f := cmd.Flags()
			pick := func(name string, v *string) *string {
				if f.Changed(name) {
					return v
				}
				return nil
			}
			u.Title, u.Byline, u.Outlet = pick("title", &title), pick("byline", &byline), pick("outlet", &outlet)
			u.URL, u.Language = pick("url", &url), pick("language", &language)
			u.CiteKey = pick("citekey", &citekey)
			if f.Changed("published") {
				d, err := notebook.ParseDate(published)
				if err != nil {
					return usagef("--published: %v", err)
				}
				u.Published = &d
			}
			if u == (notebook.ArticleUpdate{}) {
				return usagef("nothing to change: give at least one of --title, --byline, --outlet, --url, --published, --language, --citekey")
			}
			nb, id, err := e.resolve(args[0])
			if err != nil {
				return err
			}
			a, err := nb.SetArticle(id, u)
			if err != nil {
				return err
			}
			if e.json {
				return e.printArticleJSON(nb, a.ID)
			}
			e.printf("updated %s: %s (cite key %s)\n", a.ID, a.Title, a.CiteKey)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&title, "title", "", "title")
	f.StringVar(&byline, "byline", "", "authors")
	f.StringVar(&outlet, "outlet", "", "outlet (site or publication)")
	f.StringVar(&url, "url", "", "URL of the original")
	f.StringVar(&published, "published", "", "publication date YYYY[-MM[-DD]] (empty: unknown)")
	f.StringVar(&language, "language", "", "language tag, e.g. en")
	f.StringVar(&citekey, "citekey", "", `citation key (empty "": make one anew from the metadata)`)
	return cmd
}

func noteCmd(e *env) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "note ID (TEXT | --file F)",
		Short: "Set an article's note (your Markdown summary of it); --file - reads standard input",
		Args: func(cmd *cobra.Command, args []string) error {
			if file == "" && len(args) != 2 || file != "" && len(args) != 1 {
				return usagef("want an article ID and either TEXT or --file F")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := textOrFile(e, args[1:], file)
			if err != nil {
				return err
			}
			nb, id, err := e.resolve(args[0])
			if err != nil {
				return err
			}
			a, err := nb.SetArticleNote(id, text)
			if err != nil {
				return err
			}
			if e.json {
				return e.printArticleJSON(nb, a.ID)
			}
			e.printf("note set on %s\n", a.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "file", "", "read the note from this file (- for standard input)")
	return cmd
}

// textOrFile returns the single TEXT argument, or the content of file
// ("-" is standard input).
func textOrFile(e *env, args []string, file string) (string, error) {
	if file == "" {
		return args[0], nil
	}
	data, err := readlimit.File(file, e.stdin, notebook.MaxNoteBytes, "note")
	if err != nil {
		return "", err
	}
	return string(data), nil
}

func deleteCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "delete ID...",
		Short: "Move articles (with their annotations) or annotations to the trash, all in one transaction",
		Args:  minArgs(1, "at least one article or annotation ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			var done []string
			for _, arg := range args {
				id, err := nb.Resolve(arg)
				if err != nil {
					return err
				}
				done = append(done, id)
			}
			if _, err := nb.Delete(done...); err != nil {
				return err
			}
			if e.json {
				return e.printJSON(map[string]any{"deleted": done})
			}
			for _, id := range done {
				e.printf("moved %s to the trash (gloss restore %s brings it back)\n", id, id)
			}
			return nil
		},
	}
}

func restoreCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "restore ID...",
		Short: "Bring articles or annotations back from the trash",
		Args:  minArgs(1, "at least one trashed ID (see gloss trash)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			var ids []string
			for _, arg := range args {
				id, err := nb.Resolve(arg)
				if err != nil {
					return err
				}
				ids = append(ids, id)
			}
			done, err := nb.Restore(ids...)
			if err != nil {
				return err
			}
			for i := range done {
				done[i].Body, done[i].Source, done[i].Versions = nil, nil, nil
			}
			if e.json {
				return e.printJSON(map[string]any{"restored": done})
			}
			for _, t := range done {
				e.printf("restored %s %s (%s)\n", t.Kind, t.ID, t.Title)
			}
			return nil
		},
	}
}

func trashCmd(e *env) *cobra.Command {
	var empty bool
	cmd := &cobra.Command{
		Use:         "trash [--empty [ID...]]",
		Annotations: readOnly,
		Short:       "List the trash, or empty it (all of it, or the entries named) for good",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 && !empty {
				return usagef("IDs go with --empty")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if empty {
				e.mode = notebook.ReadWrite
			}
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			if empty {
				var ids []string
				for _, a := range args {
					id, err := nb.Resolve(a)
					if err != nil {
						return err
					}
					ids = append(ids, id)
				}
				n, err := nb.EmptyTrash(ids...)
				if err != nil {
					return err
				}
				if e.json {
					return e.printJSON(map[string]any{"deleted": n})
				}
				e.printf("deleted %s for good\n", count(n, "trash entry", "trash entries"))
				return nil
			}
			entries, err := nb.TrashEntries()
			if err != nil {
				return err
			}
			if e.json {
				if entries == nil {
					entries = []notebook.TrashEntry{}
				}
				return e.printJSON(entries)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tKIND\tDELETED\tTITLE")
			for _, t := range entries {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.ID, t.Kind, t.Deleted.Format("2006-01-02 15:04"), oneLine(t.Title, 60))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&empty, "empty", false, "delete trash entries for good (all, or the IDs given); there is no undo")
	return cmd
}
