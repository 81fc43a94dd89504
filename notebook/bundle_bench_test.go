package notebook_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

// Benchmarks for reading hostile and ordinary bundles. The baseline is the
// way MergeBundle read bundles before issue 13: json.Decoder over the
// whole decompressed stream, one Decode per article record (naiveRead
// below does only that reading, with no store behind it). Run with
// -benchmem; b.SetBytes is the decompressed size, so MB/s is throughput.

// naiveRead reads a bundle as the old MergeBundle did, up to decoding
// every article record.
func naiveRead(r io.Reader) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(zr)
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if tok != "articles" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if _, err := dec.Token(); err != nil { // [
			return err
		}
		for dec.More() {
			var v rec
			if err := dec.Decode(&v); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // ]
			return err
		}
	}
	return nil
}

// gzipOf compresses a stream in full (for inputs of a few MB compressed).
func gzipOf(b *testing.B, r io.Reader) []byte {
	b.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := io.Copy(zw, r); err != nil {
		b.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

func whitespaceBundle(size int64) io.Reader {
	return io.MultiReader(strings.NewReader(`{"gloss_bundle":1,"articles":[`), &repeatReader{' ', size}, strings.NewReader(`]}`))
}

func BenchmarkMergeBundle_hostile(b *testing.B) {
	cases := []struct {
		name  string
		size  int64
		input func(size int64) io.Reader
		naive bool // also run the baseline (slow: keep these small)
	}{
		{"article-100MiB", 100 << 20, func(n int64) io.Reader { return hugeBundle(n) }, true},
		{"article-1GiB", 1 << 30, func(n int64) io.Reader { return hugeBundle(n) }, false},
		{"whitespace-8MiB", 8 << 20, whitespaceBundle, true},
		{"whitespace-64MiB", 64 << 20, whitespaceBundle, false},
	}
	for _, c := range cases {
		gz := gzipOf(b, c.input(c.size))
		b.Run(c.name+"/scanner", func(b *testing.B) {
			nb, _ := bundleNB(b)
			b.SetBytes(c.size)
			b.ReportMetric(float64(len(gz)), "gz-bytes")
			for b.Loop() {
				nb.MergeBundle(bytes.NewReader(gz))
			}
		})
		if c.naive {
			b.Run(c.name+"/naive-json.Decoder", func(b *testing.B) {
				b.SetBytes(c.size)
				for b.Loop() {
					naiveRead(bytes.NewReader(gz))
				}
			})
		}
	}
}

// BenchmarkMergeBundle_ordinary merges a bundle of 200 articles (20 KB of
// text each, five highlights with notes and tags) into an empty notebook,
// and reads it the old way for comparison.
func BenchmarkMergeBundle_ordinary(b *testing.B) {
	var g ids
	para := strings.Repeat("A sentence of an ordinary article, with words to highlight. ", 16)
	var arts []rec
	for i := range 200 {
		text := fmt.Sprintf("Article %d.\n\n", i) + strings.Repeat(para+"\n\n", 20) + "End."
		r := newRec(g.next(), fmt.Sprintf("Article %d", i), text, "")
		for k := range 5 {
			start := 20 + k*100
			r.Annotations = append(r.Annotations, notebook.Annotation{ID: g.next(), ArticleID: r.Article.ID,
				Start: start, End: start + 8, Quote: string([]rune(text)[start : start+8]), Color: notebook.Green,
				Note: "A note.", Tags: []string{"Theme/Sub"}, Status: notebook.Anchored, Created: t0, Updated: t0})
		}
		arts = append(arts, r)
	}
	plain := bundleJSON(b, arts, nil, nil)
	gz := gzipOf(b, bytes.NewReader(plain))
	b.Run("merge", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		for b.Loop() {
			b.StopTimer()
			nb, _ := bundleNB(b)
			b.StartTimer()
			if _, err := nb.MergeBundle(bytes.NewReader(gz)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("naive-json.Decoder-read-only", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		for b.Loop() {
			if err := naiveRead(bytes.NewReader(gz)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
