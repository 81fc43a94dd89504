package budget

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestBudget_Step(t *testing.T) {
	b := New(context.Background(), 20*time.Millisecond, 0)
	start := time.Now()
	var err error
	for err == nil && time.Since(start) < 5*time.Second {
		err = b.Step()
	}
	if !errors.Is(err, ErrExceeded) || !strings.Contains(err.Error(), "took longer than 20 ms") {
		t.Fatalf("err = %v", err)
	}
	if b.Err() != err || b.Step() != err || b.Check() != err || b.Alloc(1) != err {
		t.Errorf("the error is not sticky")
	}
}

func TestBudget_Alloc(t *testing.T) {
	b := New(context.Background(), 0, 10<<20)
	if err := b.Alloc(6 << 20); err != nil {
		t.Fatal(err)
	}
	b.Free(2 << 20)
	if err := b.Alloc(6 << 20); err != nil {
		t.Fatalf("charge in use is 10 MB, within the limit: %v", err)
	}
	if b.InUse() != 10<<20 {
		t.Errorf("InUse = %d", b.InUse())
	}
	err := b.Alloc(1)
	if !errors.Is(err, ErrExceeded) || !strings.Contains(err.Error(), "more than 10 MB") {
		t.Fatalf("err = %v", err)
	}
	if b.InUse() != 10<<20 {
		t.Errorf("a refused charge was counted: %d", b.InUse())
	}
}

func TestBudget_context(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b := New(ctx, 0, 0)
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
	cancel()
	err := b.Check()
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrExceeded) {
		t.Errorf("err = %v", err)
	}
}

func TestBudget_nil(t *testing.T) {
	var b *Budget
	if b.Step() != nil || b.Check() != nil || b.Alloc(1<<40) != nil || b.Err() != nil || b.InUse() != 0 {
		t.Error("a nil budget refused something")
	}
	b.Free(1)
	if r := strings.NewReader("x"); b.Reader(r) != r {
		t.Error("nil budget wrapped a reader")
	}
}

func TestBudget_Reader(t *testing.T) {
	b := New(context.Background(), time.Nanosecond, 0)
	time.Sleep(time.Millisecond)
	if _, err := io.ReadAll(b.Reader(strings.NewReader("data"))); !errors.Is(err, ErrExceeded) {
		t.Errorf("Reader: err = %v", err)
	}
	buf := make([]byte, 2)
	if _, err := b.ReaderAt(bytes.NewReader([]byte("data"))).ReadAt(buf, 0); !errors.Is(err, ErrExceeded) {
		t.Errorf("ReaderAt: err = %v", err)
	}
	ok := New(context.Background(), time.Hour, 0)
	if got, err := io.ReadAll(ok.Reader(strings.NewReader("data"))); err != nil || string(got) != "data" {
		t.Errorf("Reader = %q, %v", got, err)
	}
}

func TestSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{20 * time.Second: "20 s", 1500 * time.Millisecond: "1.5 s", 250 * time.Millisecond: "250 ms"} {
		if got := seconds(d); got != want {
			t.Errorf("seconds(%v) = %q, want %q", d, got, want)
		}
	}
}
