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

// Color is part of fyne.Theme: it forces the chosen variant.
func (t glossTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.mode {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
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

// setTheme switches and remembers the theme mode.
func (ui *UI) setTheme(mode string) {
	installTheme(ui.app, mode)
	ui.prefs.SetString(prefTheme, mode)
	ui.installMenus()
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
