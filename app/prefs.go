package app

import (
	"crypto/sha256"
	"encoding/hex"

	"fyne.io/fyne/v2"
)

// Preference keys (stored under AppID).
const (
	prefWidth       = "window.width"
	prefHeight      = "window.height"
	prefOuterSplit  = "split.outer"
	prefInnerSplit  = "split.inner"
	prefTheme       = "theme"
	prefFontScale   = "reader.fontScale"
	prefLastColor   = "highlight.lastColor"
	prefRecent      = "notebooks.recent"
	prefLastArticle = "lastArticle"
	prefWelcomed    = "welcomed"
	maxRecent       = 8
)

// prefKey is a per-notebook preference key.
func prefKey(path, key string) string {
	h := sha256.Sum256([]byte(path))
	return "nb." + hex.EncodeToString(h[:8]) + "." + key
}

// savedWindowSize is the remembered window size, or a size that fits a
// 1280×800 screen.
func savedWindowSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWidth, 1240)
	h := p.FloatWithFallback(prefHeight, 760)
	if w < 600 || h < 400 {
		w, h = 1240, 760
	}
	return fyne.NewSize(float32(w), float32(h))
}

// savePrefs remembers the window size, split positions, last article,
// highlight colour and reader font size.
func (ui *UI) savePrefs() {
	s := ui.win.Canvas().Size()
	if s.Width > 0 && s.Height > 0 {
		ui.prefs.SetFloat(prefWidth, float64(s.Width))
		ui.prefs.SetFloat(prefHeight, float64(s.Height))
	}
	if ui.outer != nil {
		ui.prefs.SetFloat(prefOuterSplit, ui.outer.Offset)
		ui.prefs.SetFloat(prefInnerSplit, ui.inner.Offset)
	}
	ui.prefs.SetString(prefKey(ui.nb.Path(), prefLastArticle), ui.cur.ID)
	ui.prefs.SetString(prefLastColor, string(ui.lastColor))
	ui.prefs.SetFloat(prefFontScale, float64(ui.reader.view.FontScale()))
}

// rememberRecent puts path first in the recent notebooks list.
func rememberRecent(p fyne.Preferences, path string) {
	list := []string{path}
	for _, q := range p.StringList(prefRecent) {
		if q != path && len(list) < maxRecent {
			list = append(list, q)
		}
	}
	p.SetStringList(prefRecent, list)
}
