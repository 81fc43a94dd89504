// Package annotin reads annotations made in other tools so that Gloss can
// import them: a Hypothesis export (the JSON its API returns, as a bare
// array of rows, the API's {"rows":[…],"total":N}, or the client's
// {"annotations":[…]} download), a W3C Web Annotation collection (JSON-LD,
// including what `gloss export --format json` writes) and a Readwise CSV
// export (and Gloss's own CSV, which uses Readwise's import columns).
//
// Every annotation becomes a neutral Record: where it came from (Kind and
// SourceID, to make re-imports idempotent), which document it is on (URL,
// title, author), the quote with its prefix and suffix, a position hint, the
// note, tags, colour and times. The package is a leaf: it knows no notebook
// types and does no I/O beyond the reader it is given. Matching records to
// articles is the caller's work; NormalizeURL gives it a URL key that
// ignores tracking parameters, AMP variants and the like.
//
// Every input is treated as hostile: Limits caps the size (checked while
// reading), the JSON nesting depth (checked before decoding), the number
// of records, the length of every text field and the time spent. Invalid
// UTF-8, wrong JSON types, huge or negative numbers and malformed dates are
// reported as a *ParseError naming the file, the record number (or CSV
// line) and the field; nothing panics.
//
// Why no library: encoding/json and encoding/csv do the reading. The W3C
// collection is read in its compacted form (the shape the anno.jsonld
// context defines) rather than through a JSON-LD processor such as
// json-gold, which would expand documents by fetching remote contexts —
// Gloss never goes on the network — and brings nothing for the fixed
// vocabulary read here. No Go module reads Hypothesis or Readwise exports.
package annotin
