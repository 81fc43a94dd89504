package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/glossnotes/gloss/app/articleview"
)

// Theme choices (View menu).
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// glossTheme is the default theme with the highlight colours, with the
// light or dark variant forced when the user chose one.
type glossTheme struct {
	fyne.Theme
	mode string
}

// Secondary text (low-importance labels: dates, counts, tags on cards,
// result sources) is drawn in Fyne's "disabled" colour, which the default
// theme makes too faint to read on the selection or card backgrounds. These
// keep it clearly secondary but legible (about 4.5:1 on the background).
var (
	secondaryLight = color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff}
	secondaryDark  = color.NRGBA{R: 0xa2, G: 0xa2, B: 0xa2, A: 0xff}
)

// Color is part of fyne.Theme: it forces the chosen variant and sets the
// secondary text colour.
func (t glossTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.mode {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
	}
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return secondaryDark
		}
		return secondaryLight
	}
	return t.Theme.Color(n, v)
}

// installTheme sets the app theme for a mode (system, light or dark).
func installTheme(a fyne.App, mode string) {
	if mode != themeLight && mode != themeDark {
		mode = themeSystem
	}
	a.Settings().SetTheme(glossTheme{Theme: articleview.WrapTheme(theme.DefaultTheme()), mode: mode})
}

// setTheme switches and remembers the theme mode. Fyne then refreshes
// every widget; each one takes its colours from the theme when refreshed
// (the cards, chips, swatches and the reader included), so nothing keeps
// the old theme's colours.
func (ui *UI) setTheme(mode string) {
	ui.prefs.SetString(prefTheme, mode)
	installTheme(ui.app, mode)
	ui.installMenus()
	ui.win.Content().Refresh()
}

// variant is the theme variant in use.
func (ui *UI) variant() fyne.ThemeVariant {
	switch ui.prefs.StringWithFallback(prefTheme, themeSystem) {
	case themeLight:
		return theme.VariantLight
	case themeDark:
		return theme.VariantDark
	}
	return ui.app.Settings().ThemeVariant()
}
