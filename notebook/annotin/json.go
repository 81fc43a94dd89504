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

// decoder wraps json.Decoder over one value, tracking its base offset.
func (p *parser) decoder(v jsonValue) *json.Decoder {
	return json.NewDecoder(bytes.NewReader(v.raw))
}

// syntaxErr turns a decoder error into a *ParseError at its position.
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

// elements calls fn for each element of the JSON array v, reading them one
// at a time so that the record limit holds while reading.
func (p *parser) elements(v jsonValue, fn func(i int, el jsonValue) error) error {
	dec := p.decoder(v)
	tok, err := dec.Token()
	if err != nil {
		return p.jsonErr(0, v.off, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return p.failAt(0, v.off, "", fmt.Errorf("want an array, got %s", jsonKind(tok)))
	}
	for i := 0; dec.More(); i++ {
		if i >= p.lim.MaxRecords {
			return p.failAt(i+1, v.off+dec.InputOffset(), "", limitErr("more than %d annotations", p.lim.MaxRecords))
		}
		var el json.RawMessage
		if err := dec.Decode(&el); err != nil {
			return p.jsonErr(i+1, v.off, err)
		}
		end := v.off + dec.InputOffset()
		if err := fn(i, jsonValue{raw: el, off: end - int64(len(el))}); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return p.jsonErr(0, v.off, err)
	}
	return nil
}

// maxKeys is the most keys Parse reads in one container object (the
// records are in arrays, so a real one has a dozen).
const maxKeys = 10_000

// fields reads the JSON object v and returns the values of the keys that
// want accepts; others are skipped.
func (p *parser) fields(v jsonValue, want func(key string) bool) (map[string]jsonValue, error) {
	dec := p.decoder(v)
	tok, err := dec.Token()
	if err != nil {
		return nil, p.jsonErr(0, v.off, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, p.failAt(0, v.off, "", fmt.Errorf("want an object, got %s", jsonKind(tok)))
	}
	out := map[string]jsonValue{}
	for n := 0; dec.More(); n++ {
		if n >= maxKeys {
			return nil, p.failAt(0, v.off+dec.InputOffset(), "", limitErr("more than %d keys in an object", maxKeys))
		}
		kt, err := dec.Token()
		if err != nil {
			return nil, p.jsonErr(0, v.off, err)
		}
		key, _ := kt.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, p.jsonErr(0, v.off, err)
		}
		if want(key) {
			end := v.off + dec.InputOffset()
			out[key] = jsonValue{raw: val, off: end - int64(len(val))}
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, p.jsonErr(0, v.off, err)
	}
	return out, nil
}

// jsonKind names the JSON type of a token.
func jsonKind(tok any) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", tok)
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
func oneOrMany(raw json.RawMessage) ([]json.RawMessage, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return nil, nil
	}
	if t[0] != '[' {
		return []json.RawMessage{t}, nil
	}
	var many []json.RawMessage
	if err := json.Unmarshal(t, &many); err != nil {
		return nil, err
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
