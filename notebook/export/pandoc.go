package export

import (
	_ "embed"
	"io"
	"iter"
	"path/filepath"
	"strings"
	"text/template"
)

// pandocTemplateName is the built-in template of the Markdown export with
// citation keys (Options.CiteKeys).
const pandocTemplateName = "pandoc.md.tmpl"

// pandocTemplate lives beside this file rather than in assets/templates
// with the others because it belongs to this feature; BuiltinTemplate
// serves it under its name all the same.
//
//go:embed pandoc.md.tmpl
var pandocTemplate string

// escapePandoc escapes plain text for pandoc's Markdown: CommonMark's
// markup and, because pandoc reads "@word" as a citation, "@".
func escapePandoc(s string) string {
	return strings.ReplaceAll(escapeMarkdown(s), "@", `\@`)
}

// BibliographyName returns the name of the CSL-JSON file to write beside a
// Markdown export for pandoc: "draft.md" → "draft.json". The front matter
// names it without a directory, so pandoc finds it beside the Markdown.
func BibliographyName(markdownPath string) string {
	base := filepath.Base(markdownPath)
	if ext := filepath.Ext(base); ext != "" {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." || base == string(filepath.Separator) {
		base = "references"
	}
	return base + ".json"
}

// pandocFuncs are the template functions of the pandoc Markdown: every
// text/template export has them, so that a copy of pandoc.md.tmpl works
// as a --template.
var pandocFuncs = template.FuncMap{
	"pmd":           escapePandoc,
	"pandocPassage": func(e *Excerpt) string { return strings.ReplaceAll(mdPassage(e), "@", `\@`) },
}

// writePandoc renders the Markdown export for pandoc.
func writePandoc(w io.Writer, items iter.Seq2[Item, error], opt Options) error {
	return writeTemplate(w, items, opt, pandocTemplate, pandocTemplateName)
}
