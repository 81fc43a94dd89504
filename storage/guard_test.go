package storage

import (
	"errors"
	"os"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
)

// TestPanicDamage_attribution: panics raised inside bbolt and memory
// faults are damage; a panic raised by the caller's own code is not.
func TestPanicDamage_attribution(t *testing.T) {
	capture := func(fn func()) (r any, stack []byte) {
		defer func() {
			r = recover()
			stack = debug.Stack()
		}()
		fn()
		return nil, nil
	}
	var nilMap map[string]int
	tests := []struct {
		name   string
		fn     func()
		damage bool
	}{
		{"our damage panic", func() { panic(damagePanic{"bucket x is missing"}) }, true},
		{"caller's bug", func() { panic("a bug") }, false},
		{"caller's nil map write", func() { nilMap["x"] = 1 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, stack := capture(tt.fn)
			if _, ok := panicDamage(r, stack); ok != tt.damage {
				t.Errorf("damage = %v, want %v (panic %v)", ok, tt.damage, r)
			}
		})
	}
}

// TestPanickedIn_stack reads the frame below the panic in stack traces as
// the runtime prints them.
func TestPanickedIn_stack(t *testing.T) {
	bbolt := `goroutine 7 [running]:
runtime/debug.Stack()
	/usr/local/go/src/runtime/debug/stack.go:26 +0x5e
github.com/glossnotes/gloss/storage.(*DB).guard.func1()
	/work/main/storage/guard.go:57 +0x65
panic({0x7de7a0?, 0xbffec94ea20?})
	/usr/local/go/src/runtime/panic.go:783 +0x132
go.etcd.io/bbolt/internal/common.(*Page).FastCheck(0x7f05da065000, 0xbffec93bf68?)
	/root/go/pkg/mod/go.etcd.io/bbolt@v1.5.0/internal/common/page.go:83 +0x1c5
go.etcd.io/bbolt.(*Tx).page(0x0?, 0xed8c5ff80?)
`
	runtimeThenBbolt := strings.Replace(bbolt, "go.etcd.io/bbolt/internal/common.(*Page).FastCheck", "runtime.goPanicIndex(...)\n\t/x.go:1\ngo.etcd.io/bbolt.(*node).read", 1)
	ours := strings.Replace(bbolt, "go.etcd.io/bbolt/internal/common.(*Page).FastCheck", "github.com/glossnotes/gloss/notebook.(*Notebook).Articles.func1", 1)
	tests := []struct {
		name  string
		stack string
		want  bool
	}{
		{"bbolt assertion", bbolt, true},
		{"index error in bbolt", runtimeThenBbolt, true},
		{"caller's code", ours, false},
		{"no panic frame", "goroutine 1 [running]:\nmain.main()\n", false},
	}
	for _, tt := range tests {
		if got := panickedIn([]byte(tt.stack), "go.etcd.io/bbolt"); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestMarker_readMarker: a marker that cannot be decoded still counts as
// damage; a marker about another notebook ID does not apply.
func TestMarker_readMarker(t *testing.T) {
	tests := []struct {
		name    string
		content string
		uid     string
		applies bool
	}{
		{"garbage", "\x00\x01not json", "aa", true},
		{"empty problems", `{"uid":"aa","problems":[]}`, "aa", true},
		{"same notebook", `{"uid":"aa","problems":["page 3: zeroed"]}`, "aa", true},
		{"another notebook", `{"uid":"bb","problems":["page 3: zeroed"]}`, "aa", false},
		{"notebook unknown", `{"uid":"","problems":["page 3: zeroed"]}`, "aa", true},
		{"too big", strings.Repeat(" ", maxMarkerSize+10), "aa", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "nb.db", nil)
			if err := os.WriteFile(MarkerPath(path), []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			got := knownDamage(path, tt.uid)
			if (got != "") != tt.applies {
				t.Errorf("knownDamage = %q, applies %v", got, tt.applies)
			}
		})
	}
}

// TestOpen_StructuralDamageIsRemembered: damage found by the walk at open
// is written beside the notebook, so that a later process refuses writes
// even before walking.
func TestOpen_StructuralDamageIsRemembered(t *testing.T) {
	data := fixtureBytes(t, mediumFixture)
	base := writeTemp(t, "base.db", data)
	root := bucketRoot(t, base, bArticles)
	path := writeTemp(t, "nb.db", zeroPage(data, int(root)))
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(db.Damage(), "bucket articles") {
		t.Errorf("Damage() = %q", db.Damage())
	}
	db.Close()
	m, ok := readMarker(path)
	if !ok || len(m.Problems) == 0 || !strings.Contains(m.Problems[0], "articles") {
		t.Fatalf("marker %+v %v", m, ok)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx notebook.Tx) error { return nil })
	if !errors.Is(err, notebook.ErrDamaged) {
		t.Errorf("update: %v", err)
	}
	// Buckets that are intact still read.
	if err := db.View(func(tx notebook.Tx) error { return tx.ForEachTag(func(notebook.Tag) error { return nil }) }); err != nil {
		t.Errorf("reading an intact bucket: %v", err)
	}
}

// TestCheckFile_HeadersGone: a file whose two headers are damaged cannot be
// opened; CheckFile says so as a problem, and Salvage refuses with a
// clear message.
func TestCheckFile_HeadersGone(t *testing.T) {
	data := fixtureBytes(t, smallFixture)
	path := writeTemp(t, "nb.db", zeroPage(zeroPage(data, 0), 1))
	if _, err := Open(path); !errors.Is(err, notebook.ErrNotNotebook) {
		t.Errorf("open: %v", err)
	}
	ps, err := CheckFile(path)
	if err != nil || len(ps) != 1 || !strings.Contains(ps[0].String(), "bad magic") {
		t.Errorf("check: %v %v", ps, err)
	}
	_, err = Salvage(path, path+".new")
	if err == nil || !strings.Contains(err.Error(), "both headers are unreadable") {
		t.Errorf("salvage: %v", err)
	}
}
