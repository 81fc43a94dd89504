package model

import (
	"reflect"
	"testing"
)

func TestNewDocument(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		kinds []Kind
		want  []Paragraph
	}{
		{"empty", "", nil, []Paragraph{{0, 0, Body}}},
		{"one", "abc", nil, []Paragraph{{0, 3, Body}}},
		{"two with kinds", "Head\n\nbody", []Kind{Heading, Body}, []Paragraph{{0, 4, Heading}, {6, 10, Body}}},
		{"short kinds default to body", "a\n\nb\n\nc", []Kind{Quote}, []Paragraph{{0, 1, Quote}, {3, 4, Body}, {6, 7, Body}}},
		{"single newline stays inside", "a\nb\n\nc", nil, []Paragraph{{0, 3, Body}, {5, 6, Body}}},
		{"three newlines", "a\n\n\nb", nil, []Paragraph{{0, 1, Body}, {3, 5, Body}}},
		{"trailing separator", "a\n\n", nil, []Paragraph{{0, 1, Body}, {3, 3, Body}}},
		{"runes not bytes", "Мали\n\n日本", nil, []Paragraph{{0, 4, Body}, {6, 8, Body}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDocument(tt.text, tt.kinds)
			if got := d.Paragraphs(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paragraphs() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDocument_Slice(t *testing.T) {
	d := NewDocument("Mali’s café 👍🏽 ok", nil)
	tests := []struct {
		start, end int
		want       string
	}{
		{0, 4, "Mali"},
		{4, 6, "’s"},
		{7, 11, "café"},
		{12, 14, "👍🏽"},
		{14, 12, "👍🏽"},
		{-5, 2, "Ma"},
		{15, 99, "ok"},
	}
	for _, tt := range tests {
		if got := d.Slice(tt.start, tt.end); got != tt.want {
			t.Errorf("Slice(%d, %d) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestDocument_Graphemes(t *testing.T) {
	// e + combining acute, a skin-toned thumb, a flag, a ZWJ family, CJK.
	text := "e\u0301x👍🏽🇲🇱👨\u200d👩\u200d👧日本"
	d := NewDocument(text, nil)
	var got []int
	for off := 0; off < d.Len(); off = d.NextGrapheme(off) {
		got = append(got, off)
	}
	want := []int{0, 2, 3, 5, 7, 12, 13}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("grapheme starts = %v, want %v", got, want)
	}
	for i, w := range want {
		if p := d.PrevGrapheme(w + 1); w+1 <= d.Len() && i+1 < len(want) && w+1 < want[i+1] && p != w {
			t.Errorf("PrevGrapheme(%d) = %d, want %d", w+1, p, w)
		}
		if s := d.SnapGrapheme(w + 1); i+1 < len(want) && w+1 < want[i+1] && s != w {
			t.Errorf("SnapGrapheme(%d) = %d, want %d", w+1, s, w)
		}
	}
	if d.NextGrapheme(d.Len()) != d.Len() || d.PrevGrapheme(0) != 0 {
		t.Error("grapheme moves must stop at the ends")
	}
}

func TestDocument_ParagraphAt(t *testing.T) {
	d := NewDocument("ab\n\ncd\n\nef", nil)
	for off, want := range []int{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2} {
		if got := d.ParagraphAt(off); got != want {
			t.Errorf("ParagraphAt(%d) = %d, want %d", off, got, want)
		}
	}
}
