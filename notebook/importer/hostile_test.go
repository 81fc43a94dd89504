//go:build unix

package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// Regression tests for issue 13: one hostile file never stops an import.

// runWithin runs an import and fails t when it does not finish in d.
func runWithin(t *testing.T, d time.Duration, files []string) []Result {
	t.Helper()
	nb := nbtest.OpenTemp(t)
	type out struct {
		rs  []Result
		err error
	}
	done := make(chan out, 1)
	go func() {
		rs, err := Run(context.Background(), nb, files, nil, nil)
		done <- out{rs, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatal(o.err)
		}
		return o.rs
	case <-time.After(d):
		t.Fatalf("the import did not finish within %v", d)
		return nil
	}
}

// goodFiles writes two ordinary text files into dir.
func goodFiles(t *testing.T, dir string) []string {
	t.Helper()
	var paths []string
	for i := range 2 {
		p := filepath.Join(dir, fmt.Sprintf("good%d.txt", i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf("Story %d\n\nA paragraph of text long enough to be an article, number %d.\n", i, i)), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func TestRun_fifo(t *testing.T) {
	dir := t.TempDir()
	good := goodFiles(t, dir)
	fifo := filepath.Join(dir, "x.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	files, refused := Collect([]string{dir})
	if len(refused) != 0 || strings.Join(files, ",") != strings.Join(good, ",") {
		t.Errorf("Collect = %v, %v; want the two regular files only", files, refused)
	}
	rs := runWithin(t, 10*time.Second, append([]string{fifo}, good...))
	if rs[0].Outcome != Refused || !strings.Contains(rs[0].Reason, "x.txt: is a named pipe (FIFO), not a regular file") {
		t.Errorf("fifo by name: %+v", rs[0])
	}
	for _, r := range rs[1:] {
		if r.Outcome != Imported {
			t.Errorf("%s: %s %s", r.Path, r.Outcome, r.Reason)
		}
	}
}

// TestRun_loopingPDF: a PDF whose page tree lists itself no longer stops
// the folder it is in.
func TestRun_loopingPDF(t *testing.T) {
	dir := t.TempDir()
	good := goodFiles(t, dir)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		"<< /Length 23 >>\nstream\nBT 72 700 Td (Hi) Tj ET\nendstream",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	if err := os.WriteFile(filepath.Join(dir, "loop.pdf"), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	files, _ := Collect([]string{dir})
	rs := runWithin(t, 20*time.Second, files)
	imported := 0
	for _, r := range rs {
		switch {
		case strings.HasSuffix(r.Path, "loop.pdf"):
			if r.Outcome != Refused || !strings.Contains(r.Reason, "page tree") {
				t.Errorf("loop.pdf: %s %s", r.Outcome, r.Reason)
			}
		case r.Outcome == Imported:
			imported++
		}
	}
	if imported != len(good) {
		t.Errorf("%d imported, want %d: %+v", imported, len(good), rs)
	}
}

// TestRun_timeLimit: a parse past the time limit is refused with the
// reason, whether the parser notices (it checks the limit as it goes) or
// not (it is abandoned), and the files after it are imported.
func TestRun_timeLimit(t *testing.T) {
	dir := t.TempDir()
	good := goodFiles(t, dir)
	slow := filepath.Join(dir, "slow.txt")
	// 40 MB of text: seconds of work, far past the limit below.
	if err := os.WriteFile(slow, []byte(strings.Repeat("A line of ordinary prose that goes on for a while.\n", 800_000)), 0o600); err != nil {
		t.Fatal(err)
	}
	stuck := filepath.Join(dir, "stuck.txt")
	os.WriteFile(stuck, []byte("never read"), 0o600)

	oldLimits, oldGrace, oldParse := limits, grace, parseFile
	t.Cleanup(func() { limits, grace, parseFile = oldLimits, oldGrace, oldParse })
	// The good files must finish well within the limit and its grace,
	// even on a loaded machine under the race detector.
	limits.Time, grace = 100*time.Millisecond, 3*time.Second
	release := make(chan struct{})
	defer close(release)
	parseFile = func(ctx context.Context, path string, data []byte, lim ingest.Limits) parsed {
		if path == stuck {
			<-release // a parse that ignores its context
		}
		return parseOne(ctx, path, data, lim)
	}
	rs := runWithin(t, 20*time.Second, append([]string{slow, stuck}, good...))
	if rs[0].Outcome != Refused || !strings.Contains(rs[0].Reason, "slow.txt: took longer than 100 ms, the limit for one file") {
		t.Errorf("slow: %s %q", rs[0].Outcome, rs[0].Reason)
	}
	if rs[1].Outcome != Refused || !strings.Contains(rs[1].Reason, "stuck.txt: took longer than 100 ms, the limit for one file (the parse was abandoned)") {
		t.Errorf("stuck: %s %q", rs[1].Outcome, rs[1].Reason)
	}
	for _, r := range rs[2:] {
		if r.Outcome != Imported {
			t.Errorf("%s: %s %s", r.Path, r.Outcome, r.Reason)
		}
	}
}

func TestRun_memoryLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("A line of ordinary prose that goes on for a while.\n", 100_000)), 0o600); err != nil {
		t.Fatal(err)
	}
	old := limits
	t.Cleanup(func() { limits = old })
	limits.Memory = 4 << 20
	rs := runWithin(t, 20*time.Second, []string{big})
	if rs[0].Outcome != Refused || !strings.Contains(rs[0].Reason, "big.txt: would need more than 4 MB of memory, the limit for one file") {
		t.Errorf("big: %s %q", rs[0].Outcome, rs[0].Reason)
	}
}
