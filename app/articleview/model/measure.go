package model

// Face is a text face: the size in device-independent pixels and the style.
type Face struct {
	Size   float32
	Bold   bool
	Italic bool
}

// MeasureFunc returns the advance width of text set in face f. It is called
// with single grapheme clusters and with whole lines, and must be safe to
// call repeatedly (the widget passes fyne.MeasureText).
type MeasureFunc func(text string, f Face) float32

// Measurer caches grapheme advances per face on top of a MeasureFunc, so
// that wrapping a long article costs one MeasureFunc call per distinct
// grapheme rather than one per word. Kerning between graphemes is ignored
// while wrapping; lines are calibrated against their measured width when
// drawn (see Layout.Calibrate).
type Measurer struct {
	fn    MeasureFunc
	faces map[Face]*faceCache
	last  *faceCache
}

type faceCache struct {
	face    Face
	ascii   [128]float32 // negative = not measured yet
	runes   map[rune]float32
	cluster map[string]float32
}

// NewMeasurer returns a Measurer over fn.
func NewMeasurer(fn MeasureFunc) *Measurer {
	return &Measurer{fn: fn, faces: make(map[Face]*faceCache)}
}

// Measure returns fn(text, f) without caching.
func (m *Measurer) Measure(text string, f Face) float32 {
	if text == "" {
		return 0
	}
	return m.fn(text, f)
}

func (m *Measurer) cache(f Face) *faceCache {
	if m.last != nil && m.last.face == f {
		return m.last
	}
	c := m.faces[f]
	if c == nil {
		c = &faceCache{face: f, runes: make(map[rune]float32), cluster: make(map[string]float32)}
		for i := range c.ascii {
			c.ascii[i] = -1
		}
		m.faces[f] = c
	}
	m.last = c
	return c
}

// Grapheme returns the advance of the grapheme cluster g in face f.
// Line breaks have no width; a tab is as wide as four spaces.
func (m *Measurer) Grapheme(g []rune, f Face) float32 {
	c := m.cache(f)
	if len(g) == 1 {
		r := g[0]
		if r < 128 {
			if w := c.ascii[r]; w >= 0 {
				return w
			}
			w := m.runeWidth(r, f)
			c.ascii[r] = w
			return w
		}
		if w, ok := c.runes[r]; ok {
			return w
		}
		w := m.runeWidth(r, f)
		c.runes[r] = w
		return w
	}
	k := string(g)
	if w, ok := c.cluster[k]; ok {
		return w
	}
	w := m.fn(k, f)
	c.cluster[k] = w
	return w
}

func (m *Measurer) runeWidth(r rune, f Face) float32 {
	switch {
	case r == '\n' || r == '\r':
		return 0
	case r == '\t':
		return 4 * m.fn(" ", f)
	case r < 0x20 || r == 0x7f:
		return 0
	}
	return m.fn(string(r), f)
}
