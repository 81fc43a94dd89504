package sync

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rec builds a record from a JSON object and clocks given as "field=ms".
func rec(t *testing.T, obj string, clocks ...string) *Record {
	t.Helper()
	var fields map[string]any
	dec := json.NewDecoder(strings.NewReader(obj))
	dec.UseNumber()
	if err := dec.Decode(&fields); err != nil {
		t.Fatal(err)
	}
	r, err := FromValue(fields)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range clocks {
		f, ms, _ := strings.Cut(c, "=")
		var n int64
		json.Unmarshal([]byte(ms), &n)
		r.Clocks[f] = Clock{Wall: n}
	}
	return &r
}

var testRules = Rules{
	Groups:    map[string][]string{"anchor": {"start", "end"}},
	Sets:      map[string]func(json.RawMessage) string{"tags": func(e json.RawMessage) string { return strings.ToLower(string(e)) }},
	Latest:    []string{"updated"},
	Tombstone: "deleted",
	Passive:   []string{"updated", "anchor"},
}

func TestMerge_fields(t *testing.T) {
	base := `{"title":"A","note":"n","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z"}`
	tests := []struct {
		name         string
		ours, theirs string
		oc, tc       []string
		want         string
		conflicts    int
	}{
		{"one side each", `{"title":"B","note":"n","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-02T00:00:00Z"}`,
			`{"title":"A","note":"m","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-03T00:00:00Z"}`, []string{"_=5"}, []string{"_=6"},
			`{"end":2,"note":"m","start":1,"tags":["x","y"],"title":"B","updated":"2025-01-03T00:00:00Z"}`, 0},
		{"both changed, theirs later", `{"title":"B","note":"n","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z"}`,
			`{"title":"C","note":"n","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z"}`, []string{"_=5"}, []string{"_=9"},
			`{"end":2,"note":"n","start":1,"tags":["x","y"],"title":"C","updated":"2025-01-01T00:00:00Z"}`, 1},
		{"both changed, ours later", `{"title":"B","note":"n","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z"}`,
			`{"title":"C","note":"n","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z"}`, []string{"_=10"}, []string{"_=9"},
			`{"end":2,"note":"n","start":1,"tags":["x","y"],"title":"B","updated":"2025-01-01T00:00:00Z"}`, 1},
		{"sets merge", `{"title":"A","note":"n","tags":["x","z"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z"}`,
			`{"title":"A","note":"n","tags":["y","x","w"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z"}`, []string{"_=1"}, []string{"_=2"},
			`{"end":2,"note":"n","start":1,"tags":["x","z","w"],"title":"A","updated":"2025-01-01T00:00:00Z"}`, 0},
		{"group merges whole", `{"title":"A","note":"n","tags":["x","y"],"start":5,"end":2,"updated":"2025-01-01T00:00:00Z"}`,
			`{"title":"A","note":"n","tags":["x","y"],"start":1,"end":7,"updated":"2025-01-01T00:00:00Z"}`, []string{"_=1"}, []string{"_=2"},
			`{"end":7,"note":"n","start":1,"tags":["x","y"],"title":"A","updated":"2025-01-01T00:00:00Z"}`, 1},
		{"delete against edit keeps", `{"title":"A","note":"n","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z","deleted":{"at":"x"}}`,
			`{"title":"A","note":"edited","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z"}`, []string{"_=9"}, []string{"_=2"},
			`{"end":2,"note":"edited","start":1,"tags":["x","y"],"title":"A","updated":"2025-01-01T00:00:00Z"}`, 0},
		{"delete against passive change stays deleted", `{"title":"A","note":"n","tags":["x","y"],"start":1,"end":2,"updated":"2025-01-01T00:00:00Z","deleted":{"at":"x"}}`,
			`{"title":"A","note":"n","tags":["x","y"],"start":3,"end":4,"updated":"2025-01-05T00:00:00Z"}`, []string{"_=1"}, []string{"_=2"},
			`{"deleted":{"at":"x"},"end":4,"note":"n","start":3,"tags":["x","y"],"title":"A","updated":"2025-01-05T00:00:00Z"}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Merge(rec(t, base, "_=1"), rec(t, tt.ours, tt.oc...), rec(t, tt.theirs, tt.tc...), testRules)
			if !out.Present {
				t.Fatal("removed")
			}
			got, _ := marshal(out.Record.Fields)
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if len(out.Conflicts) != tt.conflicts {
				t.Errorf("conflicts = %+v, want %d", out.Conflicts, tt.conflicts)
			}
		})
	}
}

func TestMerge_files(t *testing.T) {
	b := rec(t, `{"a":1}`)
	changed := rec(t, `{"a":2}`)
	tests := []struct {
		name              string
		base, ours, their *Record
		present, kept     bool
	}{
		{"added theirs", nil, nil, changed, true, false},
		{"removed both", b, nil, nil, false, false},
		{"removed ours, unchanged theirs", b, nil, b, false, false},
		{"removed ours, changed theirs", b, nil, changed, true, true},
		{"removed theirs, changed ours", b, changed, nil, true, true},
	}
	for _, tt := range tests {
		out := Merge(tt.base, tt.ours, tt.their, testRules)
		if out.Present != tt.present || out.Kept != tt.kept {
			t.Errorf("%s: present %v kept %v", tt.name, out.Present, out.Kept)
		}
	}
}

func TestMerge_clocksKept(t *testing.T) {
	base := rec(t, `{"a":1,"b":1}`, "_=1")
	ours := rec(t, `{"a":2,"b":1}`, "_=1", "a=5")
	theirs := rec(t, `{"a":1,"b":3}`, "_=1", "b=7")
	out := Merge(base, ours, theirs, Rules{})
	if out.Record.Clock("a") != (Clock{Wall: 5}) || out.Record.Clock("b") != (Clock{Wall: 7}) {
		t.Errorf("clocks %v", out.Record.Clocks)
	}
	// A record merged with its own copy is itself.
	again := Merge(&out.Record, &out.Record, &out.Record, Rules{})
	if string(Encode(again.Record)) != string(Encode(out.Record)) {
		t.Errorf("merging a record with itself changed it:\n%s\n%s", Encode(again.Record), Encode(out.Record))
	}
}

func TestEncode_Decode(t *testing.T) {
	r := rec(t, `{"title":"<b> & é","tags":["a","b"],"obj":{"z":1,"a":[1,2]},"n":12345678901234567890}`, "_=1700000000000", "title=1700000000001")
	data := Encode(*r)
	want := "{\n  \"clock\": {\n    \"_\": \"2023-11-14T22:13:20.000Z.0000\",\n    \"title\": \"2023-11-14T22:13:20.001Z.0000\"\n  },\n  \"n\": 12345678901234567890,\n  \"obj\": {\n    \"a\": [\n      1,\n      2\n    ],\n    \"z\": 1\n  },\n  \"tags\": [\n    \"a\",\n    \"b\"\n  ],\n  \"title\": \"<b> & é\"\n}\n"
	if string(data) != want {
		t.Errorf("Encode:\n%s\nwant\n%s", data, want)
	}
	back, err := Decode("x.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if string(Encode(back)) != want {
		t.Errorf("round trip:\n%s", Encode(back))
	}
}

func TestDecode_hostile(t *testing.T) {
	deep := strings.Repeat("[", 40) + strings.Repeat("]", 40)
	for _, tt := range []struct{ name, data, want string }{
		{"not an object", `[1]`, "not a JSON object"},
		{"duplicate", `{"a":1,"a":2}`, "appears twice"},
		{"deep", `{"a":` + deep + `}`, "nested more than"},
		{"bad clock", `{"clock":{"_":"yesterday"}}`, "clock"},
		{"trailing", `{"a":1} {}`, "after the object"},
		{"truncated", `{"a":`, ""},
		{"huge", `{"a":"` + strings.Repeat("x", MaxRecordBytes) + `"}`, "bytes"},
	} {
		_, err := Decode("f.json", []byte(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "f.json") {
			t.Errorf("%s: err = %v, want it to name the file and say %q", tt.name, err, tt.want)
		}
	}
}

func TestClock(t *testing.T) {
	c := ClockAt(time.Date(2025, 3, 1, 10, 20, 30, 456e6, time.UTC))
	if s := c.Next().String(); s != "2025-03-01T10:20:30.456Z.0001" {
		t.Errorf("String = %s", s)
	}
	back, err := ParseClock(c.Next().String())
	if err != nil || back != c.Next() {
		t.Errorf("ParseClock = %v %v", back, err)
	}
	if !c.Before(c.Next()) || c.Next().Before(c) {
		t.Error("Before")
	}
	full := Clock{Wall: 5, Count: MaxCount}
	if full.Next() != (Clock{Wall: 6}) {
		t.Errorf("carry: %v", full.Next())
	}
	for _, bad := range []string{"", "2025-03-01T10:20:30.456Z", "2025-03-01T10:20:30.456Z.x001", "0000-03-01T10:20:30.456Z.0001"} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}

func TestParsePath(t *testing.T) {
	id := "01HV0000000000000000000AB1"
	h := strings.Repeat("ab", 32)
	tests := []struct {
		path string
		kind Kind
	}{
		{ArticlePath(id), ArticleFile},
		{AnnotationPath(id, "01HV0000000000000000000XY2"), AnnotationFile},
		{TextPath(h), TextFile},
		{TagPath("sahel"), TagFile},
		{MarkerPath, Marker},
		{"articles/ZZ/" + id + ".json", Unknown},
		{"texts/cd/" + h + ".json", Unknown},
		{"notes.txt", Unknown},
		{"articles/" + id + ".json", Unknown},
	}
	for _, tt := range tests {
		if k, _, _ := ParsePath(tt.path); k != tt.kind {
			t.Errorf("ParsePath(%q) = %v, want %v", tt.path, k, tt.kind)
		}
	}
}

// TestMerge_removalClock: removing a field (a restore from the trash) has
// a clock, so that it wins over an earlier change of the field on the
// other side, and loses to a later one.
func TestMerge_removalClock(t *testing.T) {
	rules := Rules{Tombstone: "deleted"}
	base := rec(t, `{"a":1,"deleted":{"at":"t1"}}`, "_=1")
	restored := rec(t, `{"a":1}`, "_=1")
	Stamp(base, restored, rules, Clock{Wall: 20})
	if restored.Clock("deleted") != (Clock{Wall: 20}) {
		t.Fatalf("the removal has no clock: %v", restored.Clocks)
	}
	// Stamping again without a change keeps the removal's clock.
	again := rec(t, `{"a":1}`)
	Stamp(restored, again, rules, Clock{Wall: 30})
	if again.Clock("deleted") != (Clock{Wall: 20}) {
		t.Errorf("a later stamp lost the removal's clock: %v", again.Clocks)
	}
	back, err := Decode("r.json", Encode(*restored))
	if err != nil || back.Clock("deleted") != (Clock{Wall: 20}) {
		t.Fatalf("the removal's clock does not survive Encode/Decode: %v %v", back.Clocks, err)
	}
	for _, tt := range []struct {
		name        string
		trashedAt   int64
		wantDeleted bool
	}{
		{"trashed again earlier: the restore wins", 10, false},
		{"trashed again later: the trash wins", 30, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			trashed := rec(t, `{"a":1,"deleted":{"at":"t2"}}`, "_=1", "deleted="+strconv.FormatInt(tt.trashedAt, 10))
			for _, sides := range [][2]*Record{{trashed, &back}, {&back, trashed}} {
				out := Merge(base, sides[0], sides[1], rules)
				if out.Record.Has("deleted") != tt.wantDeleted {
					t.Errorf("deleted = %v, want %v", out.Record.Has("deleted"), tt.wantDeleted)
				}
				if got := out.Record.Clock("deleted"); got != (Clock{Wall: max(20, tt.trashedAt)}) {
					t.Errorf("merged clock of deleted = %v", got)
				}
			}
		})
	}
}
