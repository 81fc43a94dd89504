package ingest

import (
	"errors"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		err  error
	}{
		{"CRLF and blank runs", "One\r\ntwo\r\n\r\n\r\n\r\nThree  \r\n", "One\ntwo\n\nThree", nil},
		{"clutter lines are kept", "1. Skip to content\n\nBody", "1. Skip to content\n\nBody", nil},
		{"no-break spaces kept", "Moscow\u00a0and Bamako", "Moscow\u00a0and Bamako", nil},
		{"empty", " \n\n ", "", ErrEmpty},
		{"binary", "\x00\x01\x02abc", "", ErrBinary},
		{"invalid UTF-8", "café caf\xe9", "", ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Text("new.txt", []byte(tt.in))
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("Text(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}
