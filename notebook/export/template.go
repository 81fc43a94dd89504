package export

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io"
	"iter"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/glossnotes/gloss/assets"
)

// FrontMatter is the YAML front matter of a Markdown export: the single
// article's metadata, or just the export's title and date when it holds
// several articles.
type FrontMatter struct {
	Title     string   `yaml:"title"`
	Authors   []string `yaml:"authors,omitempty"`
	Byline    string   `yaml:"byline,omitempty"`
	Outlet    string   `yaml:"outlet,omitempty"`
	Published yamlDate `yaml:"published,omitempty"`
	URL       string   `yaml:"url,omitempty"`
	// Tags are tag-safe for Obsidian's tags property ("Russia–Africa_ties");
	// GlossTags keeps the names as spelt in the notebook.
	Tags      []string `yaml:"tags,omitempty"`
	GlossTags []string `yaml:"gloss_tags,omitempty"`
	Exported  yamlDate `yaml:"exported"`
	GlossID   string   `yaml:"gloss_id,omitempty"`
	// CiteKey, Bibliography and ReferenceSectionTitle are set for pandoc
	// (Options.CiteKeys): the single article's key, the CSL-JSON file the
	// citations resolve against, and the heading of the bibliography
	// pandoc --citeproc appends.
	CiteKey               string `yaml:"citekey,omitempty"`
	Bibliography          string `yaml:"bibliography,omitempty"`
	ReferenceSectionTitle string `yaml:"reference-section-title,omitempty"`
}

// FrontMatter returns the document's front matter.
func (d *Document) FrontMatter() FrontMatter {
	fm := FrontMatter{Title: d.Title, Exported: yamlDate(d.Exported.Format(time.DateOnly))}
	if d.Bibliography != "" {
		fm.Bibliography, fm.ReferenceSectionTitle = d.Bibliography, "References"
	}
	a := d.Single
	if a == nil {
		return fm
	}
	fm.Authors, fm.Byline, fm.Outlet, fm.URL, fm.GlossID = a.Authors, a.Byline, a.Outlet, a.URL, a.ID
	if d.Bibliography != "" {
		fm.CiteKey = a.CiteKey
	}
	fm.Published = yamlDate(a.Published)
	for _, t := range a.AllTags() {
		fm.Tags = append(fm.Tags, strings.TrimPrefix(t.Hashtag, "#"))
		fm.GlossTags = append(fm.GlossTags, t.Name)
	}
	return fm
}

// yamlDate is a YYYY-MM-DD date written as a plain YAML date (not a quoted
// string), which notes apps read as a date property.
type yamlDate string

// MarshalYAML implements yaml.Marshaler.
func (d yamlDate) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: string(d)}, nil
}

// IsZero lets omitempty drop an unknown date.
func (d yamlDate) IsZero() bool { return d == "" }

// toYAML renders v as a YAML block (ending in a newline).
func toYAML(v any) (string, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// mdPassage is an excerpt in Markdown: the quote, in bold within its
// context when there is context, everything escaped.
func mdPassage(e *Excerpt) string {
	if e.Before == "" && e.After == "" {
		return escapeMarkdown(e.Quote)
	}
	var b strings.Builder
	if e.Before != "" {
		b.WriteString(escapeMarkdown(e.Before) + " ")
	}
	b.WriteString("**" + escapeMarkdown(strings.TrimSpace(e.Quote)) + "**")
	if e.After != "" {
		if !punctStart(e.After) {
			b.WriteByte(' ')
		}
		b.WriteString(escapeMarkdown(e.After))
	}
	return b.String()
}

// punctStart reports whether s starts with punctuation that follows a
// word without a space (".", ",", "”", …).
func punctStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(".,;:!?’”)]…", r)
}

// funcs are the functions every template can call (documented in
// assets/templates/README.md).
var funcs = map[string]any{
	"md":         escapeMarkdown,
	"mdPassage":  mdPassage,
	"mdNote":     func(s string) string { return escapeNoteHTML(strings.TrimSpace(s)) },
	"blockquote": blockquote,
	"indent":     indent,
	"yaml":       toYAML,
	"join":       strings.Join,
	"trim":       strings.TrimSpace,
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.DateOnly)
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	},
	"punctStart": punctStart,
	"tagNames": func(ts []Tag) string {
		ns := make([]string, len(ts))
		for i, t := range ts {
			ns[i] = t.Name
		}
		return strings.Join(ns, ", ")
	},
	"hashtags": func(ts []Tag) string {
		hs := make([]string, 0, len(ts))
		for _, t := range ts {
			if t.Hashtag != "" {
				hs = append(hs, t.Hashtag)
			}
		}
		return strings.Join(hs, " ")
	},
}

// BuiltinTemplate returns the text of a built-in template by file name
// ("markdown.md.tmpl", "pandoc.md.tmpl", "text.txt.tmpl",
// "html.html.tmpl"), for users to
// copy and edit.
func BuiltinTemplate(name string) (string, error) {
	if name == pandocTemplateName {
		return pandocTemplate, nil
	}
	b, err := assets.Templates.ReadFile("templates/" + name)
	if err != nil {
		return "", fmt.Errorf("built-in template %s: %w", name, err)
	}
	return string(b), nil
}

// writeBuiltin renders a built-in text template.
func writeBuiltin(w io.Writer, items iter.Seq2[Item, error], opt Options, name string) error {
	src, err := BuiltinTemplate(name)
	if err != nil {
		return err
	}
	return writeTemplate(w, items, opt, src, name)
}

// MaxTemplateBytes bounds a user's template file: templates are a page or
// two; anything larger is a mistake (or /dev/zero).
const MaxTemplateBytes = 1 << 20

// writeTemplate renders a text/template over the Document.
func writeTemplate(w io.Writer, items iter.Seq2[Item, error], opt Options, src, name string) error {
	if name == "" {
		name = "template"
	}
	if len(src) > MaxTemplateBytes {
		return fmt.Errorf("template %s: %d bytes (at most %d)", name, len(src), MaxTemplateBytes)
	}
	t, err := template.New(name).Funcs(funcs).Funcs(pandocFuncs).Option("missingkey=error").Parse(src)
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return execute(w, items, opt, t.Execute)
}

// writeHTML renders the built-in HTML template (html/template, so every
// value is escaped for where it appears).
func writeHTML(w io.Writer, items iter.Seq2[Item, error], opt Options) error {
	const name = "html.html.tmpl"
	src, err := BuiltinTemplate(name)
	if err != nil {
		return err
	}
	fs := htmltemplate.FuncMap{"noteHTML": noteHTML, "punctStart": punctStart, "date": funcs["date"], "datetime": funcs["datetime"]}
	t, err := htmltemplate.New(name).Funcs(fs).Parse(src)
	if err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	return execute(w, items, opt, t.Execute)
}

func execute(w io.Writer, items iter.Seq2[Item, error], opt Options, run func(io.Writer, any) error) error {
	doc, finish, err := newDocument(items, opt)
	if err != nil {
		return err
	}
	runErr := run(w, doc)
	if err := finish(); err != nil {
		return err
	}
	return runErr
}
