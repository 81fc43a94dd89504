package notebook

import (
	"io"
)

// A bundle is the whole notebook as one JSON document, usually gzipped:
// written by WriteBundle (bundle_write.go), read and merged by MergeBundle
// (bundle_merge.go) through a scanner that enforces size limits while it
// reads (bundle_read.go); every record is checked by the rules in
// validate.go and bundle_validate.go before anything is written.

// BundleVersion is the bundle format this Gloss writes and the newest it
// reads. A bundle is one JSON object whose first key is "gloss_bundle"
// (the format version), then "exported", "articles" (one record per
// article: metadata, text, source, versions and annotations), "tags" and
// "trash". Records come in ID order (tags in key order), each once, so the
// same notebook always gives the same bytes apart from the export date.
const BundleVersion = 1

// bundleMarker is the first key of every bundle; IsBundle sniffs for it.
const bundleMarker = "gloss_bundle"

// bundleArticle is one article's record in a bundle.
type bundleArticle struct {
	Article     Article      `json:"article"`
	Body        Body         `json:"body"`
	Source      *Source      `json:"source,omitempty"`
	Versions    []Version    `json:"versions,omitempty"`
	Annotations []Annotation `json:"annotations,omitempty"`
}

// IsBundle reports whether r holds a Gloss bundle (plain or gzipped),
// judging by its first bytes (at most 64 KB are read): a JSON object whose
// first key is "gloss_bundle". It does not judge the format version, so
// that MergeBundle can say what is wrong with it. The caller opens and
// closes the file; the service does no file I/O of its own.
func IsBundle(r io.Reader) bool {
	r, err := decompress(io.LimitReader(r, 64<<10))
	if err != nil {
		return false
	}
	return sniffBundle(r)
}
