//go:build eval

package reuse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestEval_L3S runs the index over the 621 article texts of the L3S-GN1
// corpus (Google News, 2008) beside the repository, if it is there, and
// logs every cluster for review by hand: wire copies carried by several
// outlets, shared quotes. It is an evaluation, not a unit test:
//
//	go test -tags eval -run TestEval_L3S -v ./notebook/reuse/
func TestEval_L3S(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "l3s-gn1", "gold")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no corpus at %s", dir)
	}
	ix := New(Options{})
	texts := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g struct{ Body string }
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		texts[id] = g.Body
		if err := ix.Put(id, g.Body); err != nil {
			t.Fatal(err)
		}
	}
	clusters := ix.Clusters()
	t.Logf("%d articles, %d clusters", ix.Len(), len(clusters))
	if len(clusters) == 0 {
		t.Fatal("no reuse found in a news corpus that has wire copies")
	}
	for _, c := range clusters {
		t.Logf("cluster %s, %d members", c.Key, len(c.Members))
		for _, m := range c.Members {
			r := []rune(texts[m.DocID])
			if m.Start < 0 || m.End > len(r) || m.Start >= m.End {
				t.Fatalf("%s: span [%d,%d) outside its %d code points", m.DocID, m.Start, m.End, len(r))
			}
			s := string(r[m.Start:m.End])
			if utf8.RuneCountInString(s) > 160 {
				s = string([]rune(s)[:80]) + " … " + string([]rune(s)[len([]rune(s))-80:])
			}
			t.Logf("  %.8s [%d,%d) %q", m.DocID, m.Start, m.End, s)
		}
	}
}
