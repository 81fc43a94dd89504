package notebook

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// Tests of the bundle scanner on its own (package-internal: no store).

func TestBundleScanner_value(t *testing.T) {
	lim := bundleLimits{Total: 1 << 20, Record: 200, String: 20, Depth: 3}
	tests := []struct {
		name, in, want, err string
	}{
		{"object", `{"a": 1, "b" : [true, null, -1.5e3]} ,`, `{"a":1,"b":[true,null,-1.5e3]}`, ""},
		{"white space kept between scalars", "[1 \n 2]", `[1 2]`, ""},
		{"white space in strings kept", `["a  b", " "]`, `["a  b"," "]`, ""},
		{"escaped quote", `"a\"b" x`, `"a\"b"`, ""},
		{"escaped backslash before the closing quote", `"a\\" x`, `"a\\"`, ""},
		{"backslash, escaped quote", `"a\\\"b" x`, `"a\\\"b"`, ""},
		{"number at the top", `123 ,`, `123`, ""},
		{"literal at the top", `true]`, `true`, ""},
		{"escapes count once", `"` + strings.Repeat(`\n`, 19) + `"`, `"` + strings.Repeat(`\n`, 19) + `"`, ""},
		{"string too long", `"` + strings.Repeat("x", 21) + `"`, "", "a string longer than 20 bytes"},
		{"nested too deep", `[[[[]]]]`, "", "nested more than 3 levels deep"},
		{"record too long", `[` + strings.Repeat(`"0123456789",`, 20) + `1]`, "", "the record is longer than 200 bytes"},
		{"raw control character in a string", "\"a\tb\"", "", "control character 0x9 inside a string"},
		{"unterminated string", `"abc`, "", "ends early"},
		{"unterminated object", `{"a":1`, "", "ends early"},
		{"closing bracket alone", `}`, "", `unexpected '}'`},
		{"mismatched bracket", `{"a":1]`, "", `unexpected ']'`},
		{"stray byte", `[@]`, "", `unexpected '@'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newBundleScanner(strings.NewReader(tt.in), lim)
			c, err := s.next()
			if err == nil {
				err = s.value(c)
			}
			if tt.err != "" {
				if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want …%s…", err, tt.err)
				}
				return
			}
			if err != nil || string(s.buf) != tt.want {
				t.Fatalf("value = %s, %v; want %s", s.buf, err, tt.want)
			}
		})
	}
}

func TestBundleScanner_offsets(t *testing.T) {
	in := `{"gloss_bundle":1, "articles":[ {"a":1},` + "\n" + `{"b":"x` + "\x01" + `"}]}`
	s := newBundleScanner(strings.NewReader(in), defaultBundleLimits)
	if v, err := s.header(); err != nil || v != "1" {
		t.Fatalf("header = %q, %v", v, err)
	}
	if k, err := s.nextKey(); err != nil || k != "articles" {
		t.Fatalf("key = %q, %v", k, err)
	}
	var offs []int64
	err := s.array("articles", func(num int, off int64, raw []byte) error {
		offs = append(offs, off)
		return nil
	})
	var be *BundleError
	if !errors.As(err, &be) || be.Record != 2 || be.Offset != 41 || !strings.Contains(err.Error(), "byte 46: control character 0x1") {
		t.Fatalf("err = %v", err)
	}
	if len(offs) != 1 || offs[0] != 32 || in[32] != '{' {
		t.Errorf("record offsets %v", offs)
	}
}

func TestCheckVersion(t *testing.T) {
	tests := []struct {
		raw  string
		want error
	}{
		{"1", nil},
		{"2", ErrNewerSchema},
		{"99", ErrNewerSchema},
		{"0", ErrInvalid},
		{"-1", ErrInvalid},
		{"99999999999999999999", ErrInvalid},
		{"1.0", ErrInvalid},
		{"1e0", ErrInvalid},
		{`"1"`, ErrInvalid},
		{"null", ErrInvalid},
	}
	for _, tt := range tests {
		if err := checkVersion(tt.raw); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("checkVersion(%s) = %v, want %v", tt.raw, err, tt.want)
		}
	}
}

func TestSniffBundle(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"gloss_bundle":1}`, true},
		{" \n\t{ \"gloss_bundle\" : -1", true},
		{`{"gloss_bundle":`, true},
		{`{"gloss_bundl":1}`, false},
		{`{"articles":[],"gloss_bundle":1}`, false},
		{`["gloss_bundle"]`, false},
		{`gloss_bundle`, false},
		{"", false},
		{strings.Repeat(" ", 600) + `{"gloss_bundle":1}`, false}, // beyond the sniffed head
	}
	for _, tt := range tests {
		if got := sniffBundle(strings.NewReader(tt.in)); got != tt.want {
			t.Errorf("sniffBundle(%.40q) = %v", tt.in, got)
		}
	}
}

func TestLimitReader_Read(t *testing.T) {
	tests := []struct {
		size, max int64
		wantErr   bool
	}{
		{10, 10, false},
		{9, 10, false},
		{0, 0, false},
		{11, 10, true},
		{1, 0, true},
	}
	for _, tt := range tests {
		l := &limitReader{r: strings.NewReader(strings.Repeat("x", int(tt.size))), max: tt.max}
		data, err := io.ReadAll(l)
		var tl errTooLarge
		if got := errors.As(err, &tl); got != tt.wantErr || int64(len(data)) > tt.max {
			t.Errorf("size %d, max %d: read %d, err %v", tt.size, tt.max, len(data), err)
		}
	}
}
