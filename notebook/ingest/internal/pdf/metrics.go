package pdf

import "strings"

// Glyph widths (1/1000 em) of the standard PDF fonts for the printable
// ASCII characters " " to "~". PDFs may use these fonts without embedding
// them or listing their widths; positioning the glyphs needs the widths.
// The bold and oblique faces are close enough to the regular ones for
// finding word and column gaps.
var (
	helveticaWidths = [95]uint16{
		278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
		278, 278, 584, 584, 584, 556, 1015, // : to @
		667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // A-Z
		278, 278, 278, 469, 556, 333, // [ to `
		556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // a-z
		334, 260, 334, 584, // { to ~
	}
	timesWidths = [95]uint16{
		250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
		500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
		278, 278, 564, 564, 564, 444, 921,
		722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611,
		333, 278, 333, 469, 500, 333,
		444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444,
		480, 200, 480, 541,
	}
)

// standardWidth returns the width of a character code in a standard
// font named base, and false when base is not one of them.
func standardWidth(base string, code int) (float64, bool) {
	b := strings.ToLower(base)
	var table *[95]uint16
	switch {
	case strings.HasPrefix(b, "courier"):
		return 600, true
	case strings.HasPrefix(b, "helvetica"), strings.HasPrefix(b, "arial"):
		table = &helveticaWidths
	case strings.HasPrefix(b, "times"):
		table = &timesWidths
	default:
		return 0, false
	}
	if code >= 32 && code <= 126 {
		return float64(table[code-32]), true
	}
	return float64(table['n'-32]), true
}
