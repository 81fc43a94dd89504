package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/glossnotes/gloss/notebook"
)

func reuseCmd(e *env) *cobra.Command {
	var all bool
	var tag, mute, unmute string
	var minWords int
	cmd := &cobra.Command{
		Use:         "reuse (ARTICLE | --all | --tag T) [--min-words N]",
		Annotations: readOnly,
		Short:       "Find passages that other articles also carry (wire copy, press releases, recycled quotes)",
		Long: `Find text reused across the notebook's articles: passages of at least
N words in common (default 20) after normalising case, punctuation, quotes,
dashes and diacritics, verbatim or lightly edited (a word changed here and
there, a sentence added or dropped inside); each is reported whole.
Boilerplate and very common phrases ("said in a statement") are not reuse.

  gloss reuse ARTICLE   the article's reused passages (start/end in code
                        points) and, for each, the other articles carrying
                        it — earliest published first — with their
                        start/end and a similarity in [0,1]
  gloss reuse --all     every cluster of reused passages with its members
                        and its earliest-published member
  gloss reuse --tag T   how many independent sources the highlights under
                        T come from once reused passages are grouped, and
                        the earliest carrier of each
  --mute KEY / --unmute KEY   hide (or show again) a passage everywhere

--json gives lists: for ARTICLE [{"start","end","key","others":[{"article_id",
"start","end","similarity","published","outlet","title"}]}].`,
		Args: func(cmd *cobra.Command, args []string) error {
			n := len(args)
			if all {
				n++
			}
			if tag != "" {
				n++
			}
			if mute != "" || unmute != "" {
				n++
			}
			if n != 1 {
				return usagef("give one of: an article ID, --all, --tag T, --mute KEY or --unmute KEY")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if mute != "" || unmute != "" {
				e.mode = notebook.ReadWrite
			}
			nb, err := e.notebook()
			if err != nil {
				return err
			}
			switch {
			case mute != "" || unmute != "":
				key, on := mute, true
				if key == "" {
					key, on = unmute, false
				}
				if err := nb.MuteReuse(key, on); err != nil {
					return err
				}
				if !e.json {
					e.printf("%s %s\n", map[bool]string{true: "muted", false: "unmuted"}[on], key)
				}
				return nil
			case all:
				return printClusters(e, nb)
			case tag != "":
				return printSources(e, nb, tag)
			}
			id, err := nb.Resolve(args[0])
			if err != nil {
				return err
			}
			ps, err := nb.Reuse(id, minWords)
			if err != nil {
				return err
			}
			if e.json {
				if ps == nil {
					ps = []notebook.ReusePassage{}
				}
				return e.printJSON(ps)
			}
			body, err := nb.Text(id)
			if err != nil {
				return err
			}
			runes := []rune(body.Text)
			for _, p := range ps {
				e.printf("%d–%d  %s\n", p.Start, p.End, oneLine(string(runes[p.Start:p.End]), 100))
				for _, o := range p.Others {
					e.printf("    %3.0f%%  %s  %s  %s  (%d–%d)\n", 100*o.Similarity, orDash(o.Published), orDash(oneLine(o.Outlet, 20)), oneLine(o.Title, 60), o.Start, o.End)
				}
				e.printf("    key %s\n\n", p.Key)
			}
			e.printf("%s\n", count(len(ps), "reused passage", "reused passages"))
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&all, "all", false, "every cluster of reused passages in the notebook")
	f.StringVar(&tag, "tag", "", "independent sources of the highlights under a tag")
	f.IntVar(&minWords, "min-words", 0, "the least number of words in common (default 20)")
	f.StringVar(&mute, "mute", "", "hide the passage with this key everywhere")
	f.StringVar(&unmute, "unmute", "", "show a muted passage again")
	return cmd
}

func printClusters(e *env, nb *notebook.Notebook) error {
	cs, err := nb.ReuseClusters()
	if err != nil {
		return err
	}
	if e.json {
		if cs == nil {
			cs = []notebook.ReuseCluster{}
		}
		return e.printJSON(cs)
	}
	for _, c := range cs {
		e.printf("passage %s in %d articles, first in %s (%s)\n", c.Key, len(c.Members), oneLine(c.Earliest.Title, 60), orDash(c.Earliest.Published))
		for _, m := range c.Members {
			e.printf("    %s  %s  %s  (%d–%d)\n", orDash(m.Published), orDash(oneLine(m.Outlet, 20)), oneLine(m.Title, 60), m.Start, m.End)
		}
	}
	e.printf("%s of reused passages\n", count(len(cs), "cluster", "clusters"))
	return nil
}

func printSources(e *env, nb *notebook.Notebook, tag string) error {
	ss, err := nb.ReuseSources(tag)
	if err != nil {
		return err
	}
	if e.json {
		if ss == nil {
			ss = []notebook.ReuseSource{}
		}
		return e.printJSON(ss)
	}
	highlights := 0
	for _, s := range ss {
		highlights += len(s.Annotations)
	}
	e.printf("the %s under %s come from %s\n", count(highlights, "highlight", "highlights"), tag, count(len(ss), "independent source", "independent sources"))
	for _, s := range ss {
		via := ""
		if len(s.Articles) > 1 {
			via = fmt.Sprintf(", carried by %d articles", len(s.Articles))
		}
		e.printf("    %s  %s  %s: %s%s\n", orDash(s.Origin.Published), orDash(oneLine(s.Origin.Outlet, 20)), oneLine(s.Origin.Title, 60), count(len(s.Annotations), "highlight", "highlights"), via)
	}
	return nil
}
