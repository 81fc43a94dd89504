package reuse

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzIndex_Passages puts three documents built from two texts (the
// second carries the first) and checks that nothing panics, that every
// span lies inside its text on word boundaries, and that the index agrees
// with the naive comparison.
func FuzzIndex_Passages(f *testing.F) {
	f.Add(paraDispatch, paraFarmers, uint16(40))
	f.Add(paraDispatchEdited, paraDispatch, uint16(0))
	f.Add("水务局星期四表示北部水库的水位已降至十一年来的最低点工程师不得不", "x\xffy 1,000 5 per cent", uint16(7))
	f.Add("", "\u0301\u00ad%%%", uint16(3))
	f.Add(strings.Repeat("again and again ", 500), "and again "+paraCouncil, uint16(100))
	f.Fuzz(func(t *testing.T, a, b string, cut uint16) {
		if len(a)+len(b) > 1<<16 {
			return
		}
		cutAt := int(cut) % (len(a) + 1)
		docs := map[string]string{"a": a, "b": b + " " + a, "c": a[:cutAt] + " " + b}
		opt := Options{MinWords: 6, CommonDocs: 2}
		ix := New(opt)
		for id, text := range docs {
			if err := ix.Put(id, text); err != nil {
				t.Fatal(err)
			}
		}
		want, _ := Naive(docs, opt)
		for id, text := range docs {
			ps := ix.Passages(id)
			if len(ps) == 0 && len(want[id]) == 0 {
				continue
			}
			if !reflect.DeepEqual(ps, want[id]) {
				t.Errorf("Passages(%s) = %+v, Naive %+v", id, ps, want[id])
			}
			n := utf8.RuneCountInString(text)
			for _, p := range ps {
				checkSpan(t, text, n, p.Start, p.End)
				for _, m := range p.Others {
					checkSpan(t, docs[m.DocID], utf8.RuneCountInString(docs[m.DocID]), m.Start, m.End)
					if m.Similarity <= 0 || m.Similarity > 1 {
						t.Errorf("similarity %v", m.Similarity)
					}
				}
			}
		}
		ix.Clusters()
	})
}

// checkSpan checks that [start, end) is a non-empty span of the n-rune
// text that starts and ends on word boundaries.
func checkSpan(t *testing.T, text string, n, start, end int) {
	t.Helper()
	if start < 0 || end > n || start >= end {
		t.Fatalf("span [%d,%d) outside a text of %d code points", start, end, n)
	}
	var sc scanner
	starts, ends := map[int]bool{}, map[int]bool{}
	sc.scan(text, func(_ []byte, s, e int) bool {
		starts[s], ends[e] = true, true
		return true
	})
	if !starts[start] || !ends[end] {
		t.Errorf("span [%d,%d) does not start and end on words", start, end)
	}
}

// FuzzRead reads arbitrary bytes as a saved index: an error or an index
// that works and saves to the same bytes, never a panic.
func FuzzRead(f *testing.F) {
	ix := New(Options{MinWords: 8})
	_ = ix.Put("a", paraDispatch+" "+paraFarmers)
	_ = ix.Put("b", paraCouncil+" "+paraDispatchEdited)
	var buf bytes.Buffer
	if _, err := ix.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	good := buf.Bytes()
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(persistMagic + "\x01\x14\x28\x32\x64"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, d := range ix.slots {
			for _, p := range ix.Passages(d.id) {
				if p.Start >= p.End {
					t.Errorf("empty passage %+v", p)
				}
			}
		}
		ix.Clusters()
		var out bytes.Buffer
		if _, err := ix.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		again, err := Read(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("reading a saved index: %v", err)
		}
		if again.Len() != ix.Len() {
			t.Errorf("read back %d documents, had %d", again.Len(), ix.Len())
		}
	})
}
