package pdf

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A page's content stream is read with our own lexer rather than the PDF
// library's Interpret, which silently drops an operand it cannot read (an
// array nested past its limit vanishes, and the page looks empty) and
// cannot be told to stop. The lexer follows ISO 32000-1, 7.2 and 8.9.7:
// numbers, literal and hexadecimal strings, names, arrays, dictionaries,
// operators, comments, and inline images (BI … ID data EI), whose data is
// skipped.

// maxNesting bounds the nesting of arrays and dictionaries in a content
// stream; real streams nest two or three levels (a TJ array, a marked-
// content property list).
const maxNesting = 32

// maxOperands bounds the operands waiting for an operator; no operator
// takes more than a handful.
const maxOperands = 4096

// maxString bounds one string or name in a content stream.
const maxString = 1 << 20

// maxPending bounds the operands and array elements read since the last
// operator, so that a stream cannot pile up operands without end.
const maxPending = 1 << 20

// errPDFContent is wrapped by the errors of a content stream that cannot be
// read.
var errPDFContent = errors.New("damaged page content")

// operandKind is the type of one operand.
type operandKind uint8

const (
	kindNumber operandKind = iota
	kindString
	kindName
	kindArray
	kindOther // booleans, null, dictionaries: read and ignored
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind operandKind
	num  float64
	str  string // the bytes of a string, the name without "/"
	arr  []operand
}

// lexer reads the tokens of a content stream.
type lexer struct {
	r       *bufio.Reader
	depth   int
	pending int // operands and elements read since the last operator
	buf     []byte
}

// errPDFEnd marks the end of the stream.
var errPDFEnd = errors.New("end of content stream")

// next reads the next operand or operator. An operator comes back with
// op set; errPDFEnd ends the stream.
func (l *lexer) next() (v operand, op string, err error) {
	if l.pending++; l.pending > maxPending {
		return v, "", fmt.Errorf("%w: more than %d operands before an operator", errPDFContent, maxPending)
	}
	c, err := l.skipSpace()
	if err != nil {
		return v, "", err
	}
	switch {
	case c == '(':
		s, err := l.literal()
		return operand{kind: kindString, str: s}, "", err
	case c == '<':
		c2, err := l.r.ReadByte()
		if err == nil && c2 == '<' {
			err = l.dict()
			return operand{kind: kindOther}, "", err
		}
		if err == nil {
			l.r.UnreadByte()
		}
		s, err := l.hex()
		return operand{kind: kindString, str: s}, "", err
	case c == '[':
		a, err := l.array()
		return operand{kind: kindArray, arr: a}, "", err
	case c == '/':
		s, err := l.regular()
		return operand{kind: kindName, str: unescapeName(s)}, "", err
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		return operand{kind: kindOther}, "", nil // stray delimiter: ignored
	}
	l.r.UnreadByte()
	s, err := l.regular()
	if err != nil {
		return v, "", err
	}
	if isNumber(s) {
		f, _ := strconv.ParseFloat(s, 64)
		return operand{kind: kindNumber, num: f}, "", nil
	}
	switch s {
	case "true", "false", "null":
		return operand{kind: kindOther}, "", nil
	}
	if s == "" {
		// A byte that is neither white space, a delimiter nor regular
		// cannot occur: skip it.
		l.r.ReadByte()
		return operand{kind: kindOther}, "", nil
	}
	return v, s, nil
}

// skipSpace skips white space and comments and returns the next byte.
func (l *lexer) skipSpace() (byte, error) {
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return 0, l.eof(err)
		}
		switch {
		case isSpace(c):
		case c == '%':
			for c != '\n' && c != '\r' {
				if c, err = l.r.ReadByte(); err != nil {
					return 0, l.eof(err)
				}
			}
		default:
			return c, nil
		}
	}
}

// eof turns io.EOF into errPDFEnd and wraps kindOther read errors.
func (l *lexer) eof(err error) error {
	if err == io.EOF {
		return errPDFEnd
	}
	return err
}

// regular reads a run of regular characters (a kindNumber, keyword or name).
func (l *lexer) regular() (string, error) {
	l.buf = l.buf[:0]
	for {
		c, err := l.r.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		if isSpace(c) || isDelim(c) {
			l.r.UnreadByte()
			break
		}
		if len(l.buf) >= maxString {
			return "", fmt.Errorf("%w: a name or keyword longer than %d bytes", errPDFContent, maxString)
		}
		l.buf = append(l.buf, c)
	}
	return string(l.buf), nil
}

// literal reads a (string) after its "(".
func (l *lexer) literal() (string, error) {
	l.buf = l.buf[:0]
	depth := 1
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return string(l.buf), l.unterminated(err)
		}
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(l.buf), nil
			}
		case '\\':
			if c, err = l.r.ReadByte(); err != nil {
				return string(l.buf), l.unterminated(err)
			}
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if n, err := l.r.ReadByte(); err == nil && n != '\n' {
					l.r.UnreadByte()
				}
				continue
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					v := int(c - '0')
					for k := 0; k < 2; k++ {
						d, err := l.r.ReadByte()
						if err != nil || d < '0' || d > '7' {
							if err == nil {
								l.r.UnreadByte()
							}
							break
						}
						v = v*8 + int(d-'0')
					}
					c = byte(v)
				}
			}
		}
		if len(l.buf) >= maxString {
			return "", fmt.Errorf("%w: a string longer than %d bytes", errPDFContent, maxString)
		}
		l.buf = append(l.buf, c)
	}
}

// unterminated is the error of a string cut off by the end of the stream.
func (l *lexer) unterminated(err error) error {
	if err == io.EOF {
		return fmt.Errorf("%w: a string is not closed", errPDFContent)
	}
	return err
}

// hex reads a <hex string> after its "<".
func (l *lexer) hex() (string, error) {
	l.buf = l.buf[:0]
	half, odd := byte(0), false
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return "", l.unterminated(err)
		}
		if c == '>' {
			break
		}
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			continue // white space, or junk
		}
		if odd {
			l.buf = append(l.buf, half<<4|d)
		} else {
			half = d
		}
		odd = !odd
		if len(l.buf) >= maxString {
			return "", fmt.Errorf("%w: a string longer than %d bytes", errPDFContent, maxString)
		}
	}
	if odd {
		l.buf = append(l.buf, half<<4)
	}
	return string(l.buf), nil
}

// nest enters an array or dictionary, refusing one nested too deeply.
func (l *lexer) nest() error {
	if l.depth++; l.depth > maxNesting {
		return fmt.Errorf("%w: arrays or dictionaries nested more than %d levels deep", errPDFContent, maxNesting)
	}
	return nil
}

// array reads an [array] after its "[".
func (l *lexer) array() ([]operand, error) {
	if err := l.nest(); err != nil {
		return nil, err
	}
	defer func() { l.depth-- }()
	var out []operand
	for {
		c, err := l.skipSpace()
		if err == errPDFEnd {
			return out, fmt.Errorf("%w: an array is not closed", errPDFContent)
		}
		if err != nil {
			return out, err
		}
		if c == ']' {
			return out, nil
		}
		l.r.UnreadByte()
		v, op, err := l.next()
		if err != nil {
			return out, err
		}
		if op != "" {
			continue // an operator inside an array: damaged, skipped
		}
		out = append(out, v)
	}
}

// dict reads and drops a <<dictionary>> after its "<<".
func (l *lexer) dict() error {
	if err := l.nest(); err != nil {
		return err
	}
	defer func() { l.depth-- }()
	for {
		c, err := l.skipSpace()
		if err == errPDFEnd {
			return fmt.Errorf("%w: a dictionary is not closed", errPDFContent)
		}
		if err != nil {
			return err
		}
		if c == '>' {
			if n, err := l.r.ReadByte(); err == nil && n != '>' {
				l.r.UnreadByte()
			}
			return nil
		}
		l.r.UnreadByte()
		if _, _, err := l.next(); err != nil {
			return err
		}
	}
}

// skipInlineImage skips the data of an inline image after its ID operator,
// up to and including EI: the data ends at "EI" between white space (or
// the end of the stream).
func (l *lexer) skipInlineImage() error {
	// One white-space byte follows ID.
	if _, err := l.r.ReadByte(); err != nil {
		return l.eof(err)
	}
	prev2, prev1 := byte(' '), byte(' ')
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return l.eof(err)
		}
		if prev1 == 'E' && c == 'I' && isSpace(prev2) {
			n, err := l.r.ReadByte()
			if err != nil || isSpace(n) || isDelim(n) {
				if err == nil {
					l.r.UnreadByte()
				}
				return nil
			}
		}
		prev2, prev1 = prev1, c
	}
}

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// isNumber reports whether a regular token is a kindNumber: digits with an
// optional sign and at most one period.
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// unescapeName resolves #xx escapes in a name.
func unescapeName(s string) string {
	if !strings.Contains(s, "#") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}
