package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
)

func openNB(t *testing.T) *notebook.Notebook {
	t.Helper()
	return nbtest.OpenTemp(t)
}

func TestRun_OrderOutcomesAndProgress(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var files []string
	for i := 0; i < 7; i++ {
		files = append(files, write(fmt.Sprintf("a/%d.txt", i), fmt.Sprintf("Title %d\n\nBody of article %d, long enough to be a paragraph.", i, i)))
	}
	bad := write("a/3-bad.txt", "\x00\x01binary")
	dup := write("b/dup.md", "# Title 0\n\nBody of article 0, long enough to be a paragraph.")
	write("a/.hidden/x.txt", "ignored")
	write("a/notes.xyz", "ignored: unknown extension inside a folder")
	in := append(append([]string{}, files[:3]...), bad)
	in = append(in, files[3:]...)
	in = append(in, dup)

	got, refused := Collect([]string{filepath.Join(dir, "a"), dup, filepath.Join(dir, "missing")})
	if len(refused) != 1 || !strings.Contains(refused[0].Reason, "no such file") {
		t.Errorf("refused = %+v", refused)
	}
	if len(got) != len(in) {
		t.Fatalf("Collect = %v, want %d files", got, len(in))
	}

	nb := openNB(t)
	var ticks []int
	rs, err := Run(context.Background(), nb, in, nil, func(done, total int) { ticks = append(ticks, done) })
	if err != nil {
		t.Fatal(err)
	}
	if len(ticks) != len(in) || ticks[len(ticks)-1] != len(in) {
		t.Errorf("progress ticks %v", ticks)
	}
	for i, r := range rs {
		if r.Path != in[i] {
			t.Fatalf("result %d is %s, want %s (input order)", i, r.Path, in[i])
		}
	}
	want := map[string]Outcome{bad: Refused, dup: Duplicate}
	for _, r := range rs {
		w, ok := want[r.Path]
		if !ok {
			w = Imported
		}
		if r.Outcome != w {
			t.Errorf("%s: %s (%s), want %s", r.Path, r.Outcome, r.Reason, w)
		}
	}
	untitled := write("c/field-notes_2023.txt", "just one line of notes without any title at all, ending in a full stop.")
	if rs, _ := Run(context.Background(), nb, []string{untitled}, nil, nil); rs[0].Title != "field-notes_2023" {
		t.Errorf("untitled file: title %q, want the file name", rs[0].Title)
	}
	if s := Summary(rs); s != "7 imported, 0 updated, 1 duplicate, 0 merged, 1 refused" {
		t.Errorf("summary %q", s)
	}
}

func TestRun_BundleAndStdin(t *testing.T) {
	src := openNB(t)
	rs, err := Run(context.Background(), src, []string{Stdin}, strings.NewReader("https://example.test/x\nPasted title\n\nPasted body text here."), nil)
	if err != nil || rs[0].Outcome != Imported {
		t.Fatalf("stdin: %+v %v", rs, err)
	}
	if _, err := src.Highlight(notebook.HighlightSpec{ArticleID: rs[0].ID, Quote: "body text", Note: "n"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := src.WriteBundle(&buf); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(t.TempDir(), "all.gloss.json")
	os.WriteFile(bundle, buf.Bytes(), 0o600)

	dst := openNB(t)
	rs, err = Run(context.Background(), dst, []string{bundle}, nil, nil)
	if err != nil || len(rs) != 1 || rs[0].Outcome != Merged || rs[0].Merge.ArticlesAdded != 1 || rs[0].Merge.AnnotationsAdded != 1 {
		t.Fatalf("bundle: %+v %v", rs, err)
	}
	anns, _ := dst.Annotations("")
	if len(anns) != 1 || anns[0].Note != "n" {
		t.Errorf("merged annotations %+v", anns)
	}
}

// TestRun_cancelled: a cancelled import stops between files and says so;
// what it committed before stays and the notebook is usable.
func TestRun_cancelled(t *testing.T) {
	nb := nbtest.OpenTemp(t)
	dir := t.TempDir()
	var files []string
	for i := range 50 {
		p := filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		os.WriteFile(p, []byte(fmt.Sprintf("Story %d\n\nA paragraph of text long enough to be an article, number %d.\n", i, i)), 0o600)
		files = append(files, p)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rs, err := Run(ctx, nb, files, nil, func(done, total int) {
		if done == 10 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || len(rs) >= len(files) {
		t.Fatalf("cancelled import: %d results, %v", len(rs), err)
	}
	arts, err := nb.Articles(notebook.ListOptions{})
	if err != nil || len(arts) > len(rs) {
		t.Errorf("%d articles stored for %d results (%v)", len(arts), len(rs), err)
	}
}
