package html

import (
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name        string
		data        []byte
		contentType string
		want        string // must occur in the decoded text
		encoding    string
		warnings    int
	}{
		{"utf-8 undeclared", []byte("<p>café – ok</p>"), "", "café – ok", "utf-8", 0},
		{"windows-1252 meta", []byte("<meta charset=\"windows-1252\"><p>caf\xe9 \x93q\x94 \x80</p>"), "", "café “q” €", "windows-1252", 0},
		{"iso-8859-1 http-equiv means windows-1252", []byte("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>\x93x\x94 na\xefve</p>"), "", "“x” naïve", "windows-1252", 0},
		{"iso-8859-15 euro", []byte("<meta charset=iso-8859-15><p>\xa4 5</p>"), "", "€ 5", "iso-8859-15", 0},
		{"shift_jis", []byte("<meta charset=\"Shift_JIS\"><p>\x93\xfa\x96\x7b</p>"), "", "日本", "shift_jis", 0},
		{"MIME charset wins over meta", []byte("<meta charset=\"utf-8\"><p>caf\xe9</p>"), "text/html; charset=\"iso-8859-1\"", "café", "windows-1252", 0},
		{"utf-16le BOM", []byte("\xff\xfe<\x00p\x00>\x00\xe9\x00"), "", "<p>é", "utf-16le", 0},
		{"unknown charset guessed", []byte("<meta charset=\"x-klingon\"><p>café</p>"), "", "café", "utf-8", 1},
		{"unknown charset, latin bytes", []byte("<meta charset=\"bogus\"><p>caf\xe9</p>"), "", "café", "windows-1252", 1},
		{"declared utf-8 but latin bytes", []byte("<meta charset=\"utf-8\"><p>caf\xe9</p>"), "", "café", "windows-1252", 1},
		{"utf-16 label without BOM ignored", []byte("<meta charset=\"utf-16\"><p>ok</p>"), "", "<p>ok", "utf-8", 1},
		{"gb2312 declared, saved as utf-8", []byte("<meta charset=\"gb2312\"><title>人工智能迈上新台阶</title>"), "", "人工智能迈上新台阶", "utf-8", 1},
		{"windows-1252 declared, utf-8 bytes", []byte("<meta charset=\"windows-1252\"><p>café naïve à</p>"), "", "café naïve à", "utf-8", 1},
		{"gb2312 bytes stay gb2312", []byte("<meta charset=\"gb2312\"><p>\xc8\xcb\xb9\xa4\xd6\xc7\xc4\xdc</p>"), "", "人工智能", "gbk", 0},
		{"one utf-8-looking pair is not enough", []byte("<meta charset=\"windows-1252\"><p>\xc3\xa9t\xc3\xa9</p>"), "", "Ã©tÃ©", "windows-1252", 0},
		{"xml declaration", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><p>\xe0 bient\xf4t</p>"), "", "à bientôt", "windows-1252", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decode(tt.data, tt.contentType)
			if !strings.Contains(got.Text, tt.want) {
				t.Errorf("text %q lacks %q", got.Text, tt.want)
			}
			if got.Encoding != tt.encoding {
				t.Errorf("encoding = %q, want %q", got.Encoding, tt.encoding)
			}
			if len(got.Warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", got.Warnings, tt.warnings)
			}
		})
	}
}
