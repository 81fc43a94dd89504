package draft

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestKind_MarshalText(t *testing.T) {
	for _, tc := range []struct {
		k    Kind
		want string
	}{{Body, "body"}, {Heading, "heading"}, {Quote, "quote"}, {Caption, "caption"}, {Item, "item"}, {9, "9"}} {
		got, err := tc.k.MarshalText()
		if err != nil || string(got) != tc.want {
			t.Errorf("Kind(%d).MarshalText() = %q, %v; want %q", tc.k, got, err, tc.want)
		}
		var back Kind
		if err := back.UnmarshalText(got); err != nil || back != tc.k {
			t.Errorf("UnmarshalText(%q) = %d, %v; want %d", got, back, err, tc.k)
		}
	}
}

func TestKind_UnmarshalText_unknown(t *testing.T) {
	for _, in := range []string{"", "Body", "sidebar", "256", "-1", strings.Repeat("x", 100)} {
		var k Kind
		err := k.UnmarshalText([]byte(in))
		if err == nil || !strings.Contains(err.Error(), "unknown paragraph kind") {
			t.Errorf("UnmarshalText(%q) = %d, %v; want an unknown-kind error", in, k, err)
		}
	}
}

// body has the shape of a stored article text (notebook.Body).
type body struct {
	Text  string `json:"text"`
	Kinds []Kind `json:"kinds,omitempty"`
}

func TestKind_JSON_names(t *testing.T) {
	b := body{Text: "A\n\nB\n\nC", Kinds: []Kind{Body, Caption, Heading}}
	got, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"text":"A\n\nB\n\nC","kinds":["body","caption","heading"]}`; string(got) != want {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
	var back body
	if err := json.Unmarshal(got, &back); err != nil || !reflect.DeepEqual(back, b) {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, b)
	}
}

// TestKind_JSON_oldForm: bodies written before kinds had names hold the
// kinds as base64 bytes of the enum ("AAMB" is 0, 3, 1); they still read.
func TestKind_JSON_oldForm(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Kind
	}{
		{`{"text":"A\n\nB\n\nC","kinds":"AAMB"}`, []Kind{Body, Caption, Heading}},
		{`{"text":"A\n\nB","kinds":"AAQ="}`, []Kind{Body, Item}},
		{`{"text":"A"}`, nil},
	} {
		var b body
		if err := json.Unmarshal([]byte(tc.in), &b); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if !reflect.DeepEqual(b.Kinds, tc.want) {
			t.Errorf("%s: kinds %v, want %v", tc.in, b.Kinds, tc.want)
		}
	}
}

func TestKind_JSON_unknownName(t *testing.T) {
	var b body
	err := json.Unmarshal([]byte(`{"text":"A","kinds":["sidebar"]}`), &b)
	if err == nil || !strings.Contains(err.Error(), `unknown paragraph kind "sidebar"`) {
		t.Errorf("err = %v, want an unknown-kind error", err)
	}
}
