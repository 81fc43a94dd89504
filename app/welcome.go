package app

import (
	"fmt"

	"github.com/glossnotes/gloss/assets"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// welcomeHighlights are the example highlights on the welcome article.
var welcomeHighlights = []notebook.HighlightSpec{
	{Quote: "Press H to highlight in the colour you used last", Color: notebook.Yellow,
		Note: "This is a **note** on a highlight. Double-click a card to edit it."},
	{Quote: "A slash nests them", Color: notebook.Green, Tags: []string{"Gloss/Tips"}},
	{Quote: "a misspelt word still finds its match", Color: notebook.Blue,
		Note: "Try Ctrl+K and type *misspelled*."},
}

// addWelcome adds the welcome article with its example highlights and
// returns its ID.
func addWelcome(nb *notebook.Notebook) (string, error) {
	d, err := ingest.Bytes(assets.WelcomeName, assets.Welcome)
	if err != nil {
		return "", fmt.Errorf("welcome article: %w", err)
	}
	res, err := nb.AddArticle(d)
	if err != nil {
		return "", fmt.Errorf("welcome article: %w", err)
	}
	for _, h := range welcomeHighlights {
		h.ArticleID = res.Article.ID
		if _, err := nb.Highlight(h); err != nil {
			return res.Article.ID, fmt.Errorf("welcome highlight %q: %w", h.Quote, err)
		}
	}
	return res.Article.ID, nil
}

// welcomeIfEmpty adds the welcome article to a notebook that is empty and
// has not had it before (deleting it keeps it away).
func (ui *UI) welcomeIfEmpty() {
	key := prefKey(ui.nb.Path(), prefWelcomed)
	if len(ui.lib.all) > 0 || ui.lib.tag != "" || ui.prefs.Bool(key) {
		return
	}
	ui.prefs.SetBool(key, true)
	ui.write(func() (func(), error) {
		id, err := addWelcome(ui.nb)
		return func() {
			if id != "" {
				ui.openArticle(id, jump{})
			}
		}, err
	})
}
