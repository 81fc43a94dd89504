// Package cite reads authors from bylines and makes citation keys: the
// names and keys that the reference exports (CSL-JSON, BibLaTeX, RIS,
// pandoc Markdown) and the notebook's stored keys share.
//
// It is a leaf package over plain strings (no notebook types, no I/O), so
// that package notebook can assign a key to each article as it is imported
// while package export, which imports notebook, formats names with the
// same rules.
//
//   - Authors reads a byline as printed ("By Anna Keller and Jon Ruiz,
//     with Reuters and AP") into Names: people with family and given names,
//     or organisations kept whole. Name's Display, Inverted and Initials
//     give the forms the citation styles print.
//   - KeyBase makes a readable key from the first author, the year and the
//     first significant title word ("keller2024tariffs"), folded to ASCII;
//     UniqueKey and KeySet add "a", "b", … "aa" on collision; ValidKey says
//     whether a key (one a user typed) can be written in every format.
//
// Every input is bounded: bylines are read up to 2,000 bytes and 100
// names, titles and outlets up to 500 bytes, keys are at most 44 bytes
// when made and MaxKeyLen when given.
//
// Keys fold names to ASCII with github.com/mozillazg/go-unidecode (MIT;
// tables for every script, Han as pinyin), which golang.org/x/text cannot
// do: it strips accents but leaves Cyrillic, Greek, Arabic or Han as they
// are. Bylines are read here rather than with a name-parsing library: the
// Go modules that split personal names handle one Western name at a time,
// not a newspaper byline with co-authors, agencies, roles and places.
package cite
