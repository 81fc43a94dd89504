package notebook_test

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

// Size limits (issue 13): a bundle is refused after reading at most about
// as much as the limit it breaks, without holding more than that.

// repeatReader yields n copies of one byte, without holding them.
type repeatReader struct {
	b byte
	n int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := len(p)
	if int64(k) > r.n {
		k = int(r.n)
	}
	for i := range p[:k] {
		p[i] = r.b
	}
	r.n -= int64(k)
	return k, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}

// hugeBundle streams a bundle whose one article's text is size bytes of
// 'a', plain; counter counts the bytes taken from it.
func hugeBundle(size int64) *countingReader {
	head := `{"gloss_bundle":1,"articles":[{"article":{"id":"01J00000000000000000000001","title":"Huge","text_hash":"00","version":1,"chars":1},"body":{"text":"`
	return &countingReader{r: io.MultiReader(strings.NewReader(head), &repeatReader{'a', size}, strings.NewReader(`"}}]}`))}
}

// gzipped compresses r on the fly: only what is read gets compressed.
// Closing the returned reader stops the compressor.
func gzipped(r io.Reader) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		zw := gzip.NewWriter(pw)
		_, err := io.Copy(zw, r)
		if err == nil {
			err = zw.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr
}

// allocated runs fn and returns the bytes it allocated.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestNotebook_MergeBundle_hugeArticle: a small .gz holding a 1 GiB article
// used to be read whole (133 s, 7.4 GB); it is refused once its text is
// longer than any field may be.
func TestNotebook_MergeBundle_hugeArticle(t *testing.T) {
	if raceEnabled {
		t.Skip("streams 70 MB through the scanner; too slow with -race")
	}
	for _, zipped := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", zipped), func(t *testing.T) {
			nb, _ := bundleNB(t)
			src := hugeBundle(1 << 30)
			var in io.Reader = src
			if zipped {
				z := gzipped(src)
				defer z.Close()
				in = z
			}
			var err error
			alloc := allocated(func() { _, err = nb.MergeBundle(in) })
			if !errors.Is(err, notebook.ErrInvalid) || !strings.Contains(err.Error(), "a string longer than") || !strings.Contains(err.Error(), "articles record #1 at byte 30: byte 146") {
				t.Fatalf("err = %v", err)
			}
			// The string limit is the base64 of a 50 MiB source (70 MB);
			// reading stops soon after it.
			if src.n > 80<<20 {
				t.Errorf("read %d MiB of the bundle before refusing it", src.n>>20)
			}
			if alloc > 400<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
			t.Logf("read %d MiB, allocated %d MiB", src.n>>20, alloc>>20)
		})
	}
}

// TestNotebook_MergeBundle_textLimit: a text just over MaxTextBytes (short
// enough to be read) is refused by the field rule, naming the limit.
func TestNotebook_MergeBundle_textLimit(t *testing.T) {
	if raceEnabled {
		t.Skip("streams 50 MB through the scanner; too slow with -race")
	}
	nb, _ := bundleNB(t)
	_, err := nb.MergeBundle(hugeBundle(notebook.MaxTextBytes + 1))
	var be *notebook.BundleError
	if !errors.As(err, &be) || be.Record != 1 || !strings.Contains(err.Error(), "text is 52428801 bytes long (at most 52428800)") {
		t.Fatalf("err = %v", err)
	}
}

// TestNotebook_MergeBundle_whitespace: 64 MiB of white space in a 65 KB
// .gz used to take 89 s; it is read in one pass and never held, between
// records and inside one.
func TestNotebook_MergeBundle_whitespace(t *testing.T) {
	arts, _, _ := validBundle()
	rec := string(bundleJSON(t, arts, nil, nil))
	start, end := strings.Index(rec, `{"article"`), strings.Index(rec, `],"tags"`)
	record := rec[start:end]
	split := strings.Index(record, `"body"`)
	tests := []struct {
		name       string
		head, tail string
	}{
		{"between records", `{"gloss_bundle":1,"articles":[`, record + `]}`},
		{"inside a record", `{"gloss_bundle":1,"articles":[` + record[:split], record[split:] + `]}`},
	}
	size := int64(64 << 20)
	if raceEnabled {
		size = 4 << 20
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, _ := bundleNB(t)
			z := gzipped(io.MultiReader(strings.NewReader(tt.head), &repeatReader{' ', size}, strings.NewReader(tt.tail)))
			defer z.Close()
			var rep notebook.MergeReport
			var err error
			alloc := allocated(func() { rep, err = nb.MergeBundle(z) })
			if err != nil || rep.ArticlesAdded != 1 {
				t.Fatalf("merge: %+v, %v", rep, err)
			}
			if alloc > 32<<20 {
				t.Errorf("allocated %d MiB: the white space was held", alloc>>20)
			}
			checkClean(t, nb)
		})
	}
}

// TestNotebook_MergeBundle_limits: each reading limit is enforced while
// reading, with a message that names it (tested with small limits).
func TestNotebook_MergeBundle_limits(t *testing.T) {
	arts, tags, trash := validBundle()
	good := string(bundleJSON(t, arts, tags, trash))
	tests := []struct {
		name               string
		bundle             string
		total, record, str int
		want               string
	}{
		{"total", strings.Replace(good, `"articles":[`, `"articles":[`+strings.Repeat(" ", 4000), 1), 4096, 1 << 20, 1 << 20,
			"the bundle is larger than 4096 bytes uncompressed"},
		{"record", good, 1 << 20, 300, 1 << 20, "the record is longer than 300 bytes"},
		{"string", good, 1 << 20, 1 << 20, 20, "a string longer than 20 bytes"},
		{"string of escapes", strings.Replace(good, `"A report"`, `"`+strings.Repeat(`\u0041`, 10)+`"`, 1), 1 << 20, 1 << 20, 40,
			"a string longer than 40 bytes"},
		{"unknown field", strings.Replace(good, `"exported"`, `"later":"`+strings.Repeat("x", 100)+`","exported"`, 1), 1 << 20, 1 << 20, 50,
			"a string longer than 50 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, _ := bundleNB(t)
			_, err := notebook.MergeBundleWithLimits(nb, strings.NewReader(tt.bundle), int64(tt.total), tt.record, tt.str)
			if !errors.Is(err, notebook.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want …%s…", err, tt.want)
			}
			if arts, _ := nb.Articles(notebook.ListOptions{}); len(arts) != 0 {
				t.Errorf("a refused merge left %d articles", len(arts))
			}
		})
	}
	// The same bundle within the limits merges.
	nb, _ := bundleNB(t)
	if _, err := notebook.MergeBundleWithLimits(nb, strings.NewReader(good), int64(len(good)), 2000, 200); err != nil {
		t.Errorf("within the limits: %v", err)
	}
}
