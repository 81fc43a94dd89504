package draft

import (
	"fmt"
	"strconv"
)

// Kind is the kind of one paragraph of an article's text. Its text form
// is its name ("body", "caption", …), so that encoding/json writes a
// []Kind as ["body","caption",…], which any tool can read, rather than as
// base64 bytes of the Go enum (what it does for a slice of a uint8 kind
// with no text form). encoding/json still decodes a base64 string into a
// []Kind byte for byte, so texts stored in the old form read unchanged.
type Kind uint8

// The paragraph kinds.
const (
	Body    Kind = iota // ordinary paragraph
	Heading             // section heading
	Quote               // block quotation
	Caption             // figure caption
	Item                // list item
)

// kindNames are the names of the kinds, indexed by kind.
var kindNames = [...]string{Body: "body", Heading: "heading", Quote: "quote", Caption: "caption", Item: "item"}

// maxNamedKind is the last kind with a name.
const maxNamedKind = Item

// String returns the lower-case name of k ("body", "heading", …); a kind
// this version does not know reads as "body".
func (k Kind) String() string {
	if k <= maxNamedKind {
		return kindNames[k]
	}
	return kindNames[Body]
}

// MarshalText returns k's name. A kind without a name (from a record a
// newer or damaged program wrote) is written as its number, which
// UnmarshalText reads back, so that validation can still name it.
func (k Kind) MarshalText() ([]byte, error) {
	if k <= maxNamedKind {
		return []byte(kindNames[k]), nil
	}
	return strconv.AppendUint(nil, uint64(k), 10), nil
}

// UnmarshalText reads a kind's name, or a number from 0 to 255 (as
// MarshalText writes a kind without a name); anything else is an error
// naming the value.
func (k *Kind) UnmarshalText(b []byte) error {
	s := string(b)
	for i, name := range kindNames {
		if s == name {
			*k = Kind(i)
			return nil
		}
	}
	if n, err := strconv.ParseUint(s, 10, 8); err == nil {
		*k = Kind(n)
		return nil
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return fmt.Errorf("unknown paragraph kind %q (known: body, heading, quote, caption, item)", s)
}
