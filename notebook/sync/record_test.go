package sync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// encodeReference is Encode as first written: the record through
// encoding/json as one object, then json.Indent. Encode must give the
// same bytes (files written by earlier syncs stay the same blobs).
func encodeReference(r Record) []byte {
	obj := make(map[string]json.RawMessage, len(r.Fields)+1)
	for k, v := range r.Fields {
		obj[k] = v
	}
	if len(r.Clocks) > 0 {
		cs := make(map[string]string, len(r.Clocks))
		for k, c := range r.Clocks {
			cs[k] = c.String()
		}
		raw, _ := marshal(cs)
		obj[clockField] = raw
	}
	compact, _ := marshal(obj)
	var out bytes.Buffer
	json.Indent(&out, compact, "", "  ")
	out.WriteByte('\n')
	return out.Bytes()
}

// TestEncode_reference: Encode and Into agree with encoding/json on
// records of every shape (empty, nested, empty containers, escapes, keys
// that need quoting).
func TestEncode_reference(t *testing.T) {
	values := []any{
		map[string]any{},
		map[string]any{"title": "Harbour <notes> & \"quotes\" \u2028 é 漢字", "n": 3},
		map[string]any{"tags": []string{}, "obj": map[string]any{}, "deep": []any{[]any{1, []any{}}, map[string]any{"b": nil, "a": true}}},
		map[string]any{"a\"b": 1, "ключ": "значение", "tab\tkey": []int{1, 2}, "<k>": false},
		map[string]any{"history": []map[string]any{{"start": 1, "quote": "x\\y\n"}, {"start": 2}}, "note": ""},
	}
	for i, v := range values {
		for _, clocks := range []bool{false, true} {
			t.Run(fmt.Sprint(i, clocks), func(t *testing.T) {
				r, err := FromValue(v)
				if err != nil {
					t.Fatal(err)
				}
				if clocks {
					r.Clocks = map[string]Clock{DefaultClock: {Wall: 1700000000000}, "title": {Wall: 1700000000001, Count: 3}}
				}
				got, want := Encode(r), encodeReference(r)
				if !bytes.Equal(got, want) {
					t.Errorf("Encode:\n%s\nreference:\n%s", got, want)
				}
				back, err := Decode("r.json", got)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(Encode(back), want) {
					t.Errorf("round trip:\n%s", Encode(back))
				}
				var a, b map[string]any
				ref, _ := marshal(r.Fields)
				if err := json.Unmarshal(ref, &a); err != nil {
					t.Fatal(err)
				}
				if err := r.Into(&b); err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(a) != fmt.Sprint(b) {
					t.Errorf("Into = %v, want %v", b, a)
				}
				if obj := r.object(); !json.Valid(obj) || !bytes.Equal(obj, ref) {
					t.Errorf("object = %s, want %s", obj, ref)
				}
			})
		}
	}
}

// TestSplitAnnotationPath: it agrees with ParsePath on annotation files
// and refuses other shapes.
func TestSplitAnnotationPath(t *testing.T) {
	art, ann := "01HV0000000000000000000AB1", "01HV0000000000000000000XY2"
	for _, tt := range []struct {
		path     string
		art, ann string
		ok       bool
	}{
		{AnnotationPath(art, ann), art, ann, true},
		{ArticlePath(art), "", "", false},
		{"annotations/AB/" + art + ".json", "", "", false},
		{"annotations/AB/" + art + "/x/y.json", "", "", false},
		{"annotations/AB//y.json", "", "", false},
		{"annotations/AB/" + art + "/.json", "", "", false},
		{MarkerPath, "", "", false},
	} {
		a, b, ok := SplitAnnotationPath(tt.path)
		if a != tt.art || b != tt.ann || ok != tt.ok {
			t.Errorf("SplitAnnotationPath(%q) = %q %q %v, want %q %q %v", tt.path, a, b, ok, tt.art, tt.ann, tt.ok)
		}
		if k, pa, pb := ParsePath(tt.path); ok && (k != AnnotationFile || pa != a || pb != b) {
			t.Errorf("ParsePath(%q) = %v %q %q", tt.path, k, pa, pb)
		}
	}
}
