package reuse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

func savedIndex(t testing.TB, ix *Index) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := ix.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	return buf.Bytes()
}

func TestIndex_WriteTo_roundTrip(t *testing.T) {
	spec := qualitySpec
	spec.seed, spec.originals, spec.derived, spec.unrelated = 31, 30, 60, 30
	c := generate(spec)
	opt := Options{MinWords: 15, MaxGap: 25, MinSimilarity: 0.6, CommonDocs: 40, MaxWords: 5000}
	ix := indexCorpus(t, c, opt)
	ix.Delete(c.arts[3].id) // a free slot in the saved index
	data := savedIndex(t, ix)
	got, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Options(), ix.Options()) || got.Len() != ix.Len() {
		t.Fatalf("read back options %+v, %d documents; want %+v, %d", got.Options(), got.Len(), ix.Options(), ix.Len())
	}
	for _, a := range c.arts {
		if !reflect.DeepEqual(got.Passages(a.id), ix.Passages(a.id)) {
			t.Errorf("Passages(%s) differ after reading", a.id)
		}
	}
	want := ix.Clusters()
	if len(want) == 0 || !reflect.DeepEqual(got.Clusters(), want) {
		t.Errorf("Clusters differ after reading (%d before)", len(want))
	}
	if again := savedIndex(t, got); !bytes.Equal(again, data) {
		t.Error("saving the read index gives different bytes")
	}
	// The read index takes changes.
	if err := got.Put("new", c.arts[0].text); err != nil {
		t.Fatal(err)
	}
	if ps := got.Passages("new"); len(ps) == 0 {
		t.Error("a copy of an article put into the read index has no passages")
	}
}

func TestRead_errors(t *testing.T) {
	ix := New(Options{})
	mustPut(t, ix, "a", paraDispatch)
	mustPut(t, ix, "b", paraFarmers)
	good := savedIndex(t, ix)
	header := len(persistMagic) + 1 + 6 + 8 // magic, version, options (default MaxWords is three bytes), MinSimilarity
	uv := func(v uint64) []byte { return binary.AppendUvarint(nil, v) }
	// hdr is a header with the given options, without the document count.
	hdr := func(o []uint64, sim float64) []byte {
		b := []byte(persistMagic)
		b = append(b, uv(formatVersion)...)
		for _, v := range o {
			b = append(b, uv(v)...)
		}
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(sim))
	}
	withOptions := func(o []uint64, sim float64) []byte { return append(hdr(o, sim), uv(0)...) }
	valid := hdr([]uint64{20, 40, 50, 100}, 0.5)
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	oneWord := cat(uv(1), []byte{1, 2, 3, 4}, uv(0), []byte{3})
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		return b
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not an index", []byte("GLOSSIX\x01 something else entirely")},
		{"newer version", append([]byte(persistMagic), uv(formatVersion+1)...)},
		{"truncated header", good[:header-3]},
		{"truncated document", good[:len(good)-10]},
		{"missing checksum", good[:len(good)-2]},
		{"flipped word byte", flip(len(good) - 40)},
		{"MinWords too small", withOptions([]uint64{2, 40, 50, 1000}, 0.5)},
		{"MaxGap zero", withOptions([]uint64{20, 0, 50, 1000}, 0.5)},
		{"CommonDocs one", withOptions([]uint64{20, 40, 1, 1000}, 0.5)},
		{"MaxWords too large", withOptions([]uint64{20, 40, 50, maxMaxWords + 1}, 0.5)},
		{"similarity NaN", withOptions([]uint64{20, 40, 50, 1000}, math.NaN())},
		{"too many documents", cat(valid, uv(maxSlots+1))},
		{"huge payload", cat(valid, uv(1), uv(1), []byte("x"), uv(1<<40))},
		{"empty ID", cat(valid, uv(1), uv(0))},
		{"ID too long", cat(valid, uv(1), uv(MaxIDBytes+1))},
		{"checksum mismatch", cat(valid, uv(1), uv(1), []byte("x"), uv(3), uv(0), []byte{0, 0}, []byte{0, 0, 0, 0})},
		{"more words than the payload holds", cat(valid, uv(1), record("x", cat(uv(5), []byte{1, 2, 3, 4, 5})))},
		{"more words than MaxWords", cat(valid, uv(1), record("x", cat(uv(101), make([]byte, 101*6))))},
		{"a word of no length", cat(valid, uv(1), record("x", cat(uv(1), []byte{1, 2, 3, 4}, uv(0), []byte{0})))},
		{"offsets beyond 32 bits", cat(valid, uv(1), record("x", cat(uv(1), []byte{1, 2, 3, 4}, uv(1<<32), []byte{3})))},
		{"bytes after the last word", cat(valid, uv(1), record("x", cat(uv(1), []byte{1, 2, 3, 4}, uv(0), []byte{3, 9})))},
		{"duplicate ID", cat(valid, uv(2), record("x", oneWord), record("x", oneWord))},
		{"overlong varint", cat(valid, uv(1), bytes.Repeat([]byte{0xff}, 12))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := Read(bytes.NewReader(tt.data))
			if err == nil || ix != nil {
				t.Fatalf("Read succeeded (%d documents)", ix.Len())
			}
			if !errors.Is(err, ErrFormat) {
				t.Errorf("error %q does not wrap ErrFormat", err)
			}
			if !strings.HasPrefix(err.Error(), "read reuse index: ") {
				t.Errorf("error %q does not say what failed", err)
			}
		})
	}
	t.Run("reader error", func(t *testing.T) {
		boom := errors.New("disk on fire")
		_, err := Read(io.MultiReader(bytes.NewReader(good[:40]), iotest.ErrReader(boom)))
		if !errors.Is(err, boom) || errors.Is(err, ErrFormat) {
			t.Errorf("error %v, want the reader's error", err)
		}
	})
}

// record returns a document record with a valid checksum.
func record(id string, payload []byte) []byte {
	b := binary.AppendUvarint(nil, uint64(len(id)))
	b = append(b, id...)
	b = binary.AppendUvarint(b, uint64(len(payload)))
	b = append(b, payload...)
	crc := crc32.Update(crc32.Checksum([]byte(id), castagnoli), castagnoli, payload)
	return binary.LittleEndian.AppendUint32(b, crc)
}
