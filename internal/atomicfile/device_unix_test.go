//go:build unix

package atomicfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWrite_DevFull: /dev/full accepts no data. The write must fail with an
// error naming it, and /dev/full must still be the device afterwards (the
// old code renamed a regular file over it when run as root).
func TestWrite_DevFull(t *testing.T) {
	const full = "/dev/full"
	st, err := os.Stat(full)
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Skip("no /dev/full here")
	}
	tests := []struct {
		name string
		fill func(io.Writer) error
	}{
		{"checked writes", func(w io.Writer) error { _, err := w.Write(bytes.Repeat([]byte("x"), 10000)); return err }},
		{"ignored writes", func(w io.Writer) error { w.Write([]byte("x")); return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(full, 0o600, tt.fill)
			if err == nil || !strings.Contains(err.Error(), full) || !strings.Contains(err.Error(), "no space") {
				t.Errorf("err = %v, want no space left naming %s", err, full)
			}
			after, err := os.Stat(full)
			if err != nil || after.Mode() != st.Mode() {
				t.Fatalf("/dev/full changed: %v %v", after.Mode(), err)
			}
		})
	}
}

// TestWrite_DevNull: a device that takes the data is a success, and its
// mode is not touched.
func TestWrite_DevNull(t *testing.T) {
	const null = "/dev/null"
	st, err := os.Stat(null)
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Skip("no /dev/null here")
	}
	if err := Write(null, 0o600, func(w io.Writer) error { _, err := io.WriteString(w, "gone"); return err }); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(null); after.Mode() != st.Mode() {
		t.Errorf("/dev/null mode changed to %v", after.Mode())
	}
}

// TestWrite_FIFO: a named pipe is written in place, and stays a pipe.
func TestWrite_FIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if err := Write(fifo, 0o600, func(w io.Writer) error { _, err := io.WriteString(w, "through the pipe"); return err }); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-got:
		if string(b) != "through the pipe" {
			t.Errorf("reader got %q", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the pipe")
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v %v", st.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("leftover files: %v", entries)
	}
}
