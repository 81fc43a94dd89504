package app

// Back and Forward, as in a browser: every jump that takes the reader
// somewhere else (the search palette, a card, a list, the Orphans or
// All highlights view) records where the reader was; Back (Alt+Left)
// returns there, Forward (Alt+Right) goes to the jump again. Reading,
// scrolling and clicking in the text record nothing.

// maxHistory bounds each direction of the history.
const maxHistory = 100

// navPos is a reading position: an article, the offset at the top of the
// view and the selected highlight.
type navPos struct {
	article string
	top     int
	ann     string
}

// history is the Back/Forward history of one window.
type history struct {
	ui        *UI
	back, fwd []navPos
}

func newHistory(ui *UI) *history { return &history{ui: ui} }

// here is the current reading position (article "" when none is open).
func (h *history) here() navPos {
	ui := h.ui
	if ui.cur.ID == "" {
		return navPos{}
	}
	return navPos{article: ui.cur.ID, top: ui.reader.view.TopOffset(), ann: ui.selAnn}
}

// record remembers the current position before a jump; a new jump
// forgets the Forward history.
func (h *history) record() {
	p := h.here()
	if p.article == "" {
		return
	}
	if n := len(h.back); n > 0 && h.back[n-1] == p {
		return
	}
	h.back = append(h.back, p)
	if len(h.back) > maxHistory {
		h.back = h.back[len(h.back)-maxHistory:]
	}
	h.fwd = nil
}

// goBack returns to the position before the last jump.
func (h *history) goBack() { h.step(&h.back, &h.fwd) }

// goForward redoes the jump Back took back.
func (h *history) goForward() { h.step(&h.fwd, &h.back) }

func (h *history) step(from, to *[]navPos) {
	if len(*from) == 0 {
		return
	}
	p := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	if here := h.here(); here.article != "" {
		*to = append(*to, here)
	}
	h.ui.openArticle(p.article, jump{restore: true, top: p.top, annID: p.ann})
}

// canBack and canForward report whether there is somewhere to go.
func (h *history) canBack() bool    { return len(h.back) > 0 }
func (h *history) canForward() bool { return len(h.fwd) > 0 }

// forget drops positions in an article that no longer exists.
func (h *history) forget(article string) {
	keep := func(s []navPos) []navPos {
		out := s[:0]
		for _, p := range s {
			if p.article != article {
				out = append(out, p)
			}
		}
		return out
	}
	h.back, h.fwd = keep(h.back), keep(h.fwd)
}
