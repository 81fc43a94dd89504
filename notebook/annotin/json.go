package annotin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// checkDepth scans JSON text for nesting deeper than max, before any
// decoding (encoding/json would otherwise build the whole tree). Strings
// are skipped; malformed JSON is left for the decoder to report.
func checkDepth(b []byte, max int) (off int, err error) {
	depth, inStr := 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inStr {
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
			if depth > max {
				return i, limitErr("JSON nested deeper than %d levels", max)
			}
		case '}', ']':
			depth--
		}
	}
	return 0, nil
}

// jsonValue is a raw JSON value with its byte offset in the input.
type jsonValue struct {
	raw json.RawMessage
	off int64
}

// firstByte returns the first byte of a JSON value ('{', '[', '"', …).
func (v jsonValue) firstByte() byte {
	t := bytes.TrimLeft(v.raw, " \t\r\n")
	if len(t) == 0 {
		return 0
	}
	return t[0]
}

// validJSON checks the whole input once, so that the scanners below can
// walk it without re-checking; a syntax error is reported at its line.
func (p *parser) validJSON() error {
	if json.Valid(p.data) {
		return nil
	}
	var v json.RawMessage
	err := json.Unmarshal(p.data, &v)
	if err == nil {
		err = errors.New("malformed JSON")
	}
	return p.jsonErr(0, 0, err)
}

// jsonErr turns a decoding error into a *ParseError at its position
// (base is the offset of the decoded value in the input).
func (p *parser) jsonErr(rec int, base int64, err error) *ParseError {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return p.failAt(rec, base+se.Offset, "", fmt.Errorf("malformed JSON: %v", se))
	case errors.As(err, &te):
		return p.failAt(rec, base+te.Offset, te.Field, fmt.Errorf("want %s, got %s", typeName(te.Type), te.Value))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return p.failAt(rec, base+int64(len(p.data)), "", errors.New("malformed JSON: unexpected end"))
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		return pe
	}
	return p.failAt(rec, base, "", err)
}

// typeName names a Go type the way a JSON user would.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number within range"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return typeName(t.Elem())
	}
	return t.String()
}

// The scanners below walk JSON already checked by validJSON, without
// copying: each value is a sub-slice of the input with its offset.

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the offset just after the value starting at i.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for ; i < len(b); i++ { // a number, true, false or null
		switch b[i] {
		case ',', ':', ']', '}', ' ', '\t', '\r', '\n':
			return i
		}
	}
	return i
}

// skipString returns the offset just after the string starting at i.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}

// elements calls fn for each element of the JSON array v, counting them
// against the record limit as it goes.
func (p *parser) elements(v jsonValue, fn func(i int, el jsonValue) error) error {
	b := v.raw
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return p.failAt(0, v.off, "", fmt.Errorf("want an array, got %s", rawKind(b)))
	}
	i = skipSpace(b, i+1)
	for n := 0; i < len(b) && b[i] != ']'; n++ {
		if n >= p.lim.MaxRecords {
			return p.failAt(n+1, v.off+int64(i), "", limitErr("more than %d annotations", p.lim.MaxRecords))
		}
		end := skipValue(b, i)
		if err := fn(n, jsonValue{raw: b[i:end], off: v.off + int64(i)}); err != nil {
			return err
		}
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return nil
}

// maxKeys is the most keys Parse reads in one container object (the
// records are in arrays, so a real one has a dozen).
const maxKeys = 10_000

// fields reads the JSON object v and returns the values of the keys that
// want accepts; others are skipped.
func (p *parser) fields(v jsonValue, want func(key string) bool) (map[string]jsonValue, error) {
	b := v.raw
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, p.failAt(0, v.off, "", fmt.Errorf("want an object, got %s", rawKind(b)))
	}
	out := map[string]jsonValue{}
	i = skipSpace(b, i+1)
	for n := 0; i < len(b) && b[i] != '}'; n++ {
		if n >= maxKeys {
			return nil, p.failAt(0, v.off+int64(i), "", limitErr("more than %d keys in an object", maxKeys))
		}
		kend := skipValue(b, i)
		var key string
		if err := json.Unmarshal(b[i:kend], &key); err != nil {
			return nil, p.jsonErr(0, v.off+int64(i), err)
		}
		i = skipSpace(b, kend)
		i = skipSpace(b, i+1) // the colon
		end := skipValue(b, i)
		if want(key) {
			out[key] = jsonValue{raw: b[i:end], off: v.off + int64(i)}
		}
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return out, nil
}

// rawKind names the JSON type of a raw value.
func rawKind(raw json.RawMessage) string {
	t := bytes.TrimLeft(raw, " \t\r\n")
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// oneOrMany splits a value that may be one item or an array of items (the
// W3C model allows both for body, target and selector). null gives none.
// raw must come from an input checked by validJSON.
func oneOrMany(raw json.RawMessage) ([]json.RawMessage, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return nil, nil
	}
	if t[0] != '[' {
		return []json.RawMessage{t}, nil
	}
	// The input was checked by validJSON: split the array in place.
	var many []json.RawMessage
	i := skipSpace(t, 1)
	for i < len(t) && t[i] != ']' {
		end := skipValue(t, i)
		many = append(many, t[i:end])
		i = skipSpace(t, end)
		if i < len(t) && t[i] == ',' {
			i = skipSpace(t, i+1)
		}
	}
	return many, nil
}

// stringsOf reads a string or an array of strings (null gives none).
func stringsOf(raw json.RawMessage, field string) ([]string, error) {
	items, err := oneOrMany(raw)
	if err != nil {
		return nil, fmt.Errorf("field %s: %w", field, err)
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		var s *string
		if err := json.Unmarshal(it, &s); err != nil {
			return nil, fmt.Errorf("field %s: want a string or an array of strings, got %s", field, rawKind(it))
		}
		if s != nil {
			out = append(out, *s)
		}
	}
	return out, nil
}

// cleanTags trims tags and drops empty ones and repeats (compared without
// case), keeping the first spelling.
func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), " ")
		k := strings.ToLower(t)
		if t == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

// describe turns an error from decoding a nested value into a message
// without the Go types in it.
func describe(err error, raw json.RawMessage) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			return fmt.Errorf("%s: want %s, got %s", te.Field, typeName(te.Type), te.Value)
		}
		return fmt.Errorf("want %s, got %s", typeName(te.Type), te.Value)
	}
	if _, ok := err.(*json.SyntaxError); ok {
		return fmt.Errorf("malformed JSON: %v", err)
	}
	return fmt.Errorf("want an object, got %s", rawKind(raw))
}
