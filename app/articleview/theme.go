package articleview

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Palette lists the highlight colour names in menu order; yellow is the
// default.
var Palette = []string{"yellow", "red", "green", "blue", "purple", "magenta", "orange", "gray"}

// DefaultColor is the colour of a highlight without a known colour name.
const DefaultColor = "yellow"

// ColorName returns the theme colour name of palette colour name, e.g.
// "gloss-highlight-yellow". Unknown names map to the default colour.
func ColorName(name string) fyne.ThemeColorName {
	if !slices.Contains(Palette, name) {
		name = DefaultColor
	}
	return fyne.ThemeColorName("gloss-highlight-" + name)
}

// The palette is translucent so that overlapping highlights blend into a
// visibly darker mix, and text stays readable on top: light colours are
// bright pastels over a white page, dark ones deeper tones over black so
// that white text keeps its contrast.
var (
	lightPalette = map[string]color.NRGBA{
		"yellow":  {0xff, 0xd4, 0x00, 0x70},
		"red":     {0xff, 0x5c, 0x5c, 0x58},
		"green":   {0x3d, 0xdc, 0x68, 0x58},
		"blue":    {0x4d, 0xa3, 0xff, 0x58},
		"purple":  {0xa3, 0x71, 0xf7, 0x50},
		"magenta": {0xf2, 0x5c, 0xd0, 0x50},
		"orange":  {0xff, 0x9a, 0x3d, 0x60},
		"gray":    {0x9a, 0x9a, 0x9a, 0x58},
	}
	darkPalette = map[string]color.NRGBA{
		"yellow":  {0xd9, 0xb0, 0x00, 0x78},
		"red":     {0xe5, 0x48, 0x4d, 0x78},
		"green":   {0x30, 0xa4, 0x6c, 0x80},
		"blue":    {0x3e, 0x63, 0xdd, 0x88},
		"purple":  {0x8e, 0x4e, 0xc6, 0x88},
		"magenta": {0xd6, 0x40, 0x9f, 0x80},
		"orange":  {0xf7, 0x68, 0x08, 0x78},
		"gray":    {0x8b, 0x8d, 0x98, 0x70},
	}
)

// HighlightColor returns palette colour name (default yellow) for the light
// or dark theme variant.
func HighlightColor(name string, variant fyne.ThemeVariant) color.Color {
	p := lightPalette
	if variant == theme.VariantDark {
		p = darkPalette
	}
	if c, ok := p[name]; ok {
		return c
	}
	return p[DefaultColor]
}

// ReuseMarkColorName is the theme colour of the margin marks (see Mark):
// a slate teal, apart from every highlight colour, stronger in the dark
// variant so that it shows on a black page.
const ReuseMarkColorName fyne.ThemeColorName = "gloss-reuse-mark"

var (
	reuseMarkLight = color.NRGBA{0x1f, 0x7a, 0x8c, 0xd0}
	reuseMarkDark  = color.NRGBA{0x6c, 0xd4, 0xe0, 0xd0}
)

// ReuseMarkColor returns the margin marks' colour for the light or dark
// theme variant.
func ReuseMarkColor(variant fyne.ThemeVariant) color.Color {
	if variant == theme.VariantDark {
		return reuseMarkDark
	}
	return reuseMarkLight
}

// resolveReuseMark returns the margin marks' colour under theme th, or the
// built-in one when th does not define it.
func resolveReuseMark(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	if th != nil {
		if c := th.Color(ReuseMarkColorName, v); c != nil {
			if _, _, _, a := c.RGBA(); a != 0 {
				return c
			}
		}
	}
	return ReuseMarkColor(v)
}

// paletteByColorName maps theme colour names back to palette names.
var paletteByColorName = func() map[fyne.ThemeColorName]string {
	m := make(map[fyne.ThemeColorName]string, len(Palette))
	for _, n := range Palette {
		m[ColorName(n)] = n
	}
	return m
}()

// WrapTheme returns base extended with the highlight colour names and
// ReuseMarkColorName, for the app to install with App.Settings().SetTheme.
// Every other lookup goes to base.
func WrapTheme(base fyne.Theme) fyne.Theme {
	if base == nil {
		base = theme.DefaultTheme()
	}
	return &glossTheme{Theme: base}
}

type glossTheme struct {
	fyne.Theme
}

var _ fyne.Theme = (*glossTheme)(nil)

// Color resolves the highlight names and delegates the rest.
func (t *glossTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if p, ok := paletteByColorName[n]; ok {
		return HighlightColor(p, v)
	}
	if n == ReuseMarkColorName {
		return ReuseMarkColor(v)
	}
	return t.Theme.Color(n, v)
}

// resolveHighlight returns the colour for palette name under theme th,
// falling back to the built-in palette when th does not define it (an app
// that did not install WrapTheme).
func resolveHighlight(th fyne.Theme, name string, v fyne.ThemeVariant) color.Color {
	if th != nil {
		if c := th.Color(ColorName(name), v); c != nil {
			if _, _, _, a := c.RGBA(); a != 0 {
				return c
			}
		}
	}
	if !slices.Contains(Palette, name) {
		name = DefaultColor
	}
	return HighlightColor(name, v)
}

// opaque returns c without transparency, for note markers.
func opaque(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0xff
	return n
}
