package anchor

// symbols numbers the distinct runes of one text densely, so that the
// approximate matcher looks up a rune's match vector in a table rather than
// a map: ASCII runes are their own id, other runes get ids from 128 on in
// order of first appearance.
type symbols struct {
	other map[rune]int32
	n     int // number of ids
}

// encodeText returns the symbols of text and the text as ids, one per rune
// (an invalid byte is the rune U+FFFD, as in a range loop).
func encodeText(text string) (*symbols, []int32) {
	s := &symbols{n: 128}
	ids := make([]int32, 0, len(text))
	for _, r := range text {
		if r < 128 {
			ids = append(ids, r)
			continue
		}
		id, ok := s.other[r]
		if !ok {
			if s.other == nil {
				s.other = make(map[rune]int32)
			}
			id = int32(s.n)
			s.other[r] = id
			s.n++
		}
		ids = append(ids, id)
	}
	return s, ids
}

// encode converts runes to ids; a rune absent from the text is -1, which
// matches nothing.
func (s *symbols) encode(rs []rune) []int32 {
	ids := make([]int32, len(rs))
	for i, r := range rs {
		switch id, ok := s.other[r]; {
		case r >= 0 && r < 128:
			ids[i] = r
		case ok:
			ids[i] = id
		default:
			ids[i] = -1
		}
	}
	return ids
}
