package text

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"blank only", " \n\t\n \u00a0 \n", ""},
		{"CRLF", "a\r\nb\r\n\r\nc\r\n", "a\nb\n\nc"},
		{"lone CR", "a\rb\r\rc", "a\nb\n\nc"},
		{"trailing white space", "a  \t\nb\u00a0\nc \u00a0 ", "a\nb\nc"},
		{"inner no-break space kept", "Moscow\u00a0and  Bamako", "Moscow\u00a0and  Bamako"},
		{"indentation kept", "  indented\n\tline", "  indented\n\tline"},
		{"blank lines collapse", "\n\n\na\n\n\n\n b \n \n\t\nc\n\n", "a\n\n b\n\nc"},
		{"control characters dropped", "a\x01b\x7fc\x1b", "abc"},
		{"form feed is a paragraph break", "a\fb", "a\n\nb"},
		{"unicode separators", "a\u2028b\u2029c\u0085d\ve", "a\nb\n\nc\nd\ne"},
		{"byte order mark", "\ufeffTitle", "Title"},
		{"invalid bytes replaced", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("normalizeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestJoinBlocks(t *testing.T) {
	tests := []struct {
		name      string
		in        []draft.Block
		wantText  string
		wantKinds []draft.Kind
	}{
		{"all body gives nil kinds", []draft.Block{{Text: "a"}, {Text: "b"}}, "a\n\nb", nil},
		{"empty blocks dropped with their kinds",
			[]draft.Block{{Text: "T", Kind: draft.Heading}, {Text: " \n "}, {Text: "x", Kind: draft.Caption}},
			"T\n\nx", []draft.Kind{draft.Heading, draft.Caption}},
		{"blank lines inside a block collapse",
			[]draft.Block{{Text: "a\r\n\r\n\r\nb", Kind: draft.Quote}, {Text: "c"}},
			"a\nb\n\nc", []draft.Kind{draft.Quote, draft.Body}},
		{"nothing", nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, kinds := Join(tt.in)
			if text != tt.wantText || !slices.Equal(kinds, tt.wantKinds) {
				t.Errorf("joinBlocks = %q, %v; want %q, %v", text, kinds, tt.wantText, tt.wantKinds)
			}
		})
	}
}

func TestCheckBinary(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name     string
		data     []byte
		wantErr  bool
		wantText string // part of the message
	}{
		{"plain text", []byte("Hello, world.\nSecond line.\n"), false, ""},
		{"text with a stray control", []byte("Hello\x01 world, this is ordinary text with one odd byte."), false, ""},
		{"png", png, true, "image/png"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), true, "image/jpeg"},
		// Signatures alone decide nothing: prose that starts like a file
		// format is text.
		{"prose starting BM", []byte("BMW cash to fuel Mini production at the Oxford plant"), false, ""},
		{"prose starting BMX", []byte("BMX riders gathered in the park on Saturday."), false, ""},
		{"prose starting GIF8", []byte("GIF89a is the name of an image format, said the teacher."), false, ""},
		{"prose starting PK", []byte("PK Subban signed a one-year deal with the club."), false, ""},
		{"prose starting %PDF", []byte("%PDF files were attached to the ministry's statement."), false, ""},
		{"prose starting MZ", []byte("MZ Kowalski won the regional election."), false, ""},
		{"pdf header without binary bytes", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), false, ""},
		{"zip", []byte("PK\x03\x04\x14\x00\x00\x00"), true, "zip"},
		{"NUL late in text", []byte(strings.Repeat("text ", 2000) + "\x00"), true, "NUL byte at offset 10000"},
		{"many controls", []byte("\x01\x02\x03\x04abc\x05\x06\x07\x08"), true, "control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckBinary("x.bin", tt.data)
			if (err != nil) != tt.wantErr {
				t.Fatalf("checkBinary = %v, want error %v", err, tt.wantErr)
			}
			if err == nil {
				return
			}
			if !errors.Is(err, draft.ErrBinary) || !strings.Contains(err.Error(), "x.bin") || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("checkBinary error %q: want ErrBinary naming x.bin and %q", err, tt.wantText)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE, 'H', 0, 'i', 0, 0xE9, 0, '\n', 0}
	utf16be := []byte{0xFE, 0xFF, 0, 'H', 0, 'i', 0, 0xE9}
	tests := []struct {
		name    string
		data    []byte
		want    string
		wantErr error
		msg     string
	}{
		{"utf-8", []byte("Héllo"), "Héllo", nil, ""},
		{"utf-8 bom", []byte("\xef\xbb\xbfHi"), "Hi", nil, ""},
		{"utf-16le bom", utf16le, "Hié\n", nil, ""},
		{"utf-16be bom", utf16be, "Hié", nil, ""},
		{"empty", nil, "", draft.ErrEmpty, ""},
		{"white space", []byte(" \r\n\t "), "", draft.ErrEmpty, ""},
		{"utf-16 bom only", []byte{0xFF, 0xFE}, "", draft.ErrEmpty, ""},
		{"latin-1", []byte("line one\nline two caf\xe9\n"), "line one\nline two café\n", nil, ""},
		{"latin-1 starting like a JPEG", []byte("\xff\xd8 is how the file starts; the rest is caf\xe9 prose."), "ÿØ is how the file starts; the rest is café prose.", nil, ""},
		{"windows-1252 quotes", []byte("\x93Quoted\x94 \x96 dash"), "“Quoted” – dash", nil, ""},
		{"utf-8 with a stray latin-1 byte", []byte("line one café\nline two caf\xe9\n"), "", draft.ErrInvalidUTF8, "byte offset 27 (line 2)"},
		{"binary", []byte("GIF89a\x01\x00"), "", draft.ErrBinary, "image/gif"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := Decode("notes.txt", tt.data)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), "notes.txt") || !strings.Contains(err.Error(), tt.msg) {
					t.Fatalf("decodeText error = %v, want %v naming notes.txt and %q", err, tt.wantErr, tt.msg)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("decodeText = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestNormalize_c1Controls(t *testing.T) {
	if got := Normalize("a\u0080b\u009fc\td\u200fe"); got != "abc\td\u200fe" {
		t.Errorf("Normalize = %q", got)
	}
}
