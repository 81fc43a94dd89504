package assets

import "embed"

// Templates holds the built-in export templates under "templates/": the
// Markdown and plain-text formats (Go text/template) and the HTML format
// (html/template), with README.md describing their data. Users can copy a
// template and pass an edited copy to `gloss export --template`.
//
//go:embed templates
var Templates embed.FS
