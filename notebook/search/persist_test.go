package search

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

func TestIndex_WriteTo(t *testing.T) {
	ix := Build(fixture(t))
	// Leave a free slot and a later edit in the written index.
	ix.Delete("ann-sawadogo")
	ix.Put(Doc{ID: "ann-kabore", ArticleID: sampleID, Quote: "interim president Captain Idrissa Kaboré", Note: "Kabore, edited", Tags: []string{"Sahel/Burkina"}})
	var buf bytes.Buffer
	n, err := ix.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo: %d bytes, %v (buffer has %d)", n, err, buf.Len())
	}
	loaded, err := ReadIndex(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("ReadIndex: %v", err)
	}
	if loaded.Len() != ix.Len() {
		t.Fatalf("Len: loaded %d, written %d", loaded.Len(), ix.Len())
	}
	queries := []string{"", "lavrov", "Goïta edited", "wgnr", `"war crimes"`, "tag:Sahel", "color:red", "in:vows lavrov",
		"by:mugabi", "outlet:dw crimes", "after:2023-01 is:article", "has:note diop", "-tag:sahel is:orphan"}
	queries = append(queries, benchQueries(fixture(t), 20)...)
	check := func(when string) {
		for _, q := range queries {
			a, errA := ix.Search(q, 20)
			b, errB := loaded.Search(q, 20)
			if errA != nil || errB != nil || !reflect.DeepEqual(a, b) {
				t.Errorf("%s, %q: written index %v (%v), loaded %v (%v)", when, q, hitIDs(a), errA, hitIDs(b), errB)
			}
		}
	}
	check("as loaded")
	// Both keep working the same after the same changes.
	for _, x := range []*Index{ix, loaded} {
		x.Put(Doc{ID: "new", Quote: "Lavrov again", Tags: []string{"Sahel/Niger"}, Color: "teal"})
		x.Delete("ann-wagner")
	}
	queries = append(queries, "color:teal", "again")
	check("after changes")
}

func TestReadIndex_damaged(t *testing.T) {
	ix := Build([]Doc{
		{ID: "a", Kind: KindArticle, Title: "Russia vows", Byline: "Mugabi", Outlet: "DW", Body: "Lavrov in Mali", Tags: []string{"Sahel"}},
		{ID: "n", ArticleID: "a", Quote: "Wagner Group", Note: "crimes", Color: "red"},
	})
	var buf bytes.Buffer
	if _, err := ix.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"other file", []byte("%PDF-1.7")},
		{"newer version", append([]byte(persistMagic), 99)},
		{"trailing bytes", append(bytes.Clone(data), 0)},
	} {
		if _, err := ReadIndex(bytes.NewReader(c.data)); !errors.Is(err, ErrIndexFormat) {
			t.Errorf("%s: error %v, want ErrIndexFormat", c.name, err)
		}
	}
	// Every truncation is an error; every single-byte change is an error
	// or an index that searches without panicking.
	for i := range data {
		if _, err := ReadIndex(bytes.NewReader(data[:i])); err == nil {
			t.Errorf("truncated to %d bytes: no error", i)
		}
		for _, x := range []byte{0x01, 0x80, 0xff} {
			d := bytes.Clone(data)
			d[i] ^= x
			if got, err := ReadIndex(bytes.NewReader(d)); err == nil {
				for _, q := range []string{"", "lavrov", "wgnr crimes", `"wagner group"`, "tag:sahel by:dw color:red"} {
					got.Search(q, 10)
				}
			}
		}
	}
}

// FuzzReadIndex checks that no input makes ReadIndex, or a search on what
// it loads, panic.
func FuzzReadIndex(f *testing.F) {
	ix := Build([]Doc{
		{ID: "a", Kind: KindArticle, Title: "Russia vows", Body: "Lavrov in Mali", Tags: []string{"Sahel"}},
		{ID: "n", ArticleID: "a", Quote: "Wagner Group", Note: "crimes", Color: "red"},
	})
	var buf bytes.Buffer
	if _, err := ix.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ReadIndex(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, q := range []string{"", "lavrov", "wgnr crimes", `"wagner group"`, "tag:sahel color:red"} {
			got.Search(q, 10)
		}
		got.Put(Doc{ID: "n", Quote: "replaced"})
		got.Delete("a")
	})
}
