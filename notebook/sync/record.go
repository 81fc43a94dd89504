package sync

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Record is one file of the text form: a JSON object's top-level fields,
// each kept as canonical compact JSON (object keys sorted at every level),
// and the clocks of its fields (the "clock" field of the file).
type Record struct {
	Fields map[string]json.RawMessage
	// Clocks maps a field (or a group of fields, see Rules) to the clock of
	// its last change; "_" is the clock of fields not listed.
	Clocks map[string]Clock
}

// DefaultClock is the Clocks key of fields without a clock of their own.
const DefaultClock = "_"

// clockField is the file's field that holds Clocks.
const clockField = "clock"

// Limits on a record file from the remote.
const (
	// MaxRecordBytes bounds a record file (an article's note and metadata,
	// an annotation with its history); texts have their own limit.
	MaxRecordBytes = 8 << 20
	// MaxFields bounds the top-level fields of a record and its clocks.
	MaxFields = 64
	// maxDepth bounds the nesting of a field's value.
	maxDepth = 16
)

// Clock returns the clock of a field (or group): its own, else the
// record's default.
func (r Record) Clock(field string) Clock {
	if c, ok := r.Clocks[field]; ok {
		return c
	}
	return r.Clocks[DefaultClock]
}

// Has reports whether the record has the field.
func (r Record) Has(field string) bool {
	_, ok := r.Fields[field]
	return ok
}

// Get returns a field's value, or nil.
func (r Record) Get(field string) json.RawMessage { return r.Fields[field] }

// Set sets a field to v (any value encoding/json can write); a nil v
// removes the field.
func (r *Record) Set(field string, v any) error {
	if r.Fields == nil {
		r.Fields = map[string]json.RawMessage{}
	}
	if v == nil {
		delete(r.Fields, field)
		return nil
	}
	raw, err := marshal(v)
	if err != nil {
		return fmt.Errorf("field %s: %w", field, err)
	}
	c, err := canonical(raw)
	if err != nil {
		return fmt.Errorf("field %s: %w", field, err)
	}
	r.Fields[field] = c
	return nil
}

// Clone returns a copy of r that shares no maps with it.
func (r Record) Clone() Record {
	out := Record{Fields: make(map[string]json.RawMessage, len(r.Fields)), Clocks: make(map[string]Clock, len(r.Clocks))}
	for k, v := range r.Fields {
		out.Fields[k] = v
	}
	for k, v := range r.Clocks {
		out.Clocks[k] = v
	}
	return out
}

// FromValue makes a record of v's JSON encoding (a struct or map that
// encodes as an object), without clocks.
func FromValue(v any) (Record, error) {
	raw, err := marshal(v)
	if err != nil {
		return Record{}, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return Record{}, err
	}
	for k, f := range fields {
		// Scalars and arrays of scalars come canonical from the encoder;
		// objects need their keys sorted.
		if bytes.IndexByte(f, '{') < 0 {
			continue
		}
		if fields[k], err = canonical(f); err != nil {
			return Record{}, fmt.Errorf("field %s: %w", k, err)
		}
	}
	return Record{Fields: fields, Clocks: map[string]Clock{}}, nil
}

// Into decodes the record's fields (not its clocks) into v.
func (r Record) Into(v any) error {
	return json.Unmarshal(r.object(), v)
}

// object is the record's fields as one compact JSON object, keys sorted.
// The fields are canonical JSON already, so they are written as they are
// (a map of json.RawMessage through encoding/json would check and
// compact every value again).
func (r Record) object() []byte {
	keys := r.SortedFields()
	n := 2
	for _, k := range keys {
		n += len(k) + len(r.Fields[k]) + 4
	}
	out := make([]byte, 0, n)
	out = append(out, '{')
	for i, k := range keys {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendKey(out, k)
		out = append(out, ':')
		out = append(out, r.Fields[k]...)
	}
	return append(out, '}')
}

// appendKey appends a field name as a JSON string.
func appendKey(out []byte, k string) []byte {
	simple := true
	for i := 0; i < len(k); i++ {
		if c := k[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f {
			simple = false
			break
		}
	}
	if simple {
		out = append(out, '"')
		out = append(out, k...)
		return append(out, '"')
	}
	q, _ := marshal(k)
	return append(out, q...)
}

// Encode writes the record as its file: one JSON object with sorted keys,
// one field per line, nested values indented, and a final line break. The
// same record always gives the same bytes.
func Encode(r Record) []byte {
	fields := r.Fields
	if len(r.Clocks) > 0 {
		fields = make(map[string]json.RawMessage, len(r.Fields)+1)
		for k, v := range r.Fields {
			fields[k] = v
		}
		cs := make(map[string]string, len(r.Clocks))
		for k, c := range r.Clocks {
			cs[k] = c.String()
		}
		raw, _ := marshal(cs)
		fields[clockField] = raw
	}
	if len(fields) == 0 {
		return []byte("{}\n")
	}
	keys := Record{Fields: fields}.SortedFields()
	var out bytes.Buffer
	n := 4
	for _, k := range keys {
		n += len(k) + len(fields[k])*5/4 + 8
	}
	out.Grow(n)
	out.WriteString("{\n")
	for i, k := range keys {
		if i > 0 {
			out.WriteString(",\n")
		}
		out.WriteString("  ")
		out.Write(appendKey(nil, k))
		out.WriteString(": ")
		if v := fields[k]; len(v) > 0 && (v[0] == '{' || v[0] == '[') {
			json.Indent(&out, v, "  ", "  ")
		} else {
			out.Write(v)
		}
	}
	out.WriteString("\n}\n")
	return out.Bytes()
}

// Decode reads a record file (name is for errors): a JSON object of at most
// MaxRecordBytes and MaxFields fields, each key once, values nested at
// most 16 deep, and a valid "clock" field when there is one.
func Decode(name string, data []byte) (Record, error) {
	if len(data) > MaxRecordBytes {
		return Record{}, fmt.Errorf("%s: %d bytes (at most %d)", name, len(data), MaxRecordBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return Record{}, fmt.Errorf("%s: not a JSON object", name)
	}
	r := Record{Fields: map[string]json.RawMessage{}, Clocks: map[string]Clock{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Record{}, fmt.Errorf("%s: %v", name, err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return Record{}, fmt.Errorf("%s: field %q: %v", name, shortString(key), err)
		}
		if _, dup := r.Fields[key]; dup || key == clockField && len(r.Clocks) > 0 {
			return Record{}, fmt.Errorf("%s: field %q appears twice", name, shortString(key))
		}
		if len(r.Fields) >= MaxFields {
			return Record{}, fmt.Errorf("%s: more than %d fields", name, MaxFields)
		}
		if depth(raw) > maxDepth {
			return Record{}, fmt.Errorf("%s: field %q is nested more than %d deep", name, shortString(key), maxDepth)
		}
		if key == clockField {
			if err := r.readClocks(raw); err != nil {
				return Record{}, fmt.Errorf("%s: %w", name, err)
			}
			continue
		}
		c, err := canonical(raw)
		if err != nil {
			return Record{}, fmt.Errorf("%s: field %q: %v", name, shortString(key), err)
		}
		r.Fields[key] = c
	}
	if _, err := dec.Token(); err != nil {
		return Record{}, fmt.Errorf("%s: %v", name, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Record{}, fmt.Errorf("%s: data after the object", name)
	}
	return r, nil
}

func (r *Record) readClocks(raw json.RawMessage) error {
	var cs map[string]string
	if err := json.Unmarshal(raw, &cs); err != nil {
		return errors.New(`"clock" is not an object of clocks`)
	}
	if len(cs) > MaxFields {
		return fmt.Errorf(`"clock" has more than %d entries`, MaxFields)
	}
	for k, s := range cs {
		c, err := ParseClock(s)
		if err != nil {
			return fmt.Errorf(`"clock" of %q: %w`, shortString(k), err)
		}
		r.Clocks[k] = c
	}
	return nil
}

// depth is how deeply a JSON value nests arrays and objects.
func depth(raw []byte) int {
	d, max, inString, escaped := 0, 0, false, false
	for _, c := range raw {
		switch {
		case escaped:
			escaped = false
		case inString:
			if c == '\\' {
				escaped = true
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			d++
			if d > max {
				max = d
			}
		case c == '}' || c == ']':
			d--
		}
	}
	return max
}

// canonical rewrites a JSON value compactly with object keys sorted at
// every level and numbers as written.
func canonical(raw []byte) (json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] != '{' && raw[0] != '[' {
		var out bytes.Buffer
		if err := json.Compact(&out, raw); err != nil {
			return nil, err
		}
		if raw[0] == '"' {
			// Strings: one spelling of each escape.
			var s string
			if err := json.Unmarshal(out.Bytes(), &s); err != nil {
				return nil, err
			}
			return marshal(s)
		}
		return out.Bytes(), nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return marshal(v)
}

// marshal is json.Marshal without HTML escaping and without the final
// line break.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Equal reports whether two field values are the same (both canonical).
func Equal(a, b json.RawMessage) bool { return bytes.Equal(a, b) }

// SortedFields returns the record's field names in order.
func (r Record) SortedFields() []string {
	keys := make([]string, 0, len(r.Fields))
	for k := range r.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// OID is a Git object ID (SHA-1).
type OID [20]byte

// String is the ID in hex.
func (o OID) String() string { return hex.EncodeToString(o[:]) }

// IsZero reports whether o is the zero ID (no object).
func (o OID) IsZero() bool { return o == OID{} }

// ParseOID reads a 40-digit hex object ID.
func ParseOID(s string) (OID, error) {
	var o OID
	if len(s) != 40 {
		return o, fmt.Errorf("object ID %q: want 40 hex digits", shortString(s))
	}
	if _, err := hex.Decode(o[:], []byte(s)); err != nil {
		return o, fmt.Errorf("object ID %q: want 40 hex digits", shortString(s))
	}
	return o, nil
}

// BlobID is the ID Git gives a file with this content.
func BlobID(data []byte) OID {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	var o OID
	copy(o[:], h.Sum(nil))
	return o
}
