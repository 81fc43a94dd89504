package export

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// noteMarkdown renders notes. goldmark's default renderer drops raw HTML
// and refuses dangerous link schemes (javascript:, …); on top of that
// noteHTML escapes "<" before parsing (escapeNoteHTML), so HTML typed into
// a note shows as text instead of being dropped.
var noteMarkdown = goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.Linkify))

// noteHTML renders a note's Markdown as safe HTML.
func noteHTML(note string) template.HTML {
	note = strings.TrimSpace(note)
	if !strings.ContainsAny(note, "*_`[]<>#-+=|~!\\&\n:") {
		// Plain prose (most notes): no Markdown to interpret.
		return template.HTML("<p>" + template.HTMLEscapeString(note) + "</p>")
	}
	src := escapeNoteHTML(note)
	var b bytes.Buffer
	if err := noteMarkdown.Convert([]byte(src), &b); err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(note) + "</p>")
	}
	return template.HTML(b.String())
}
