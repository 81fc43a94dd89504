package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Layout of the tree (see the package doc).
const (
	// MarkerPath is the file that says the tree is a Gloss notebook.
	MarkerPath = "gloss-sync.json"
	// Format is the version of the text form this Gloss writes and the
	// newest it reads.
	Format = 1
)

// Kind is what a path of the tree holds.
type Kind int

// Kinds of paths.
const (
	Unknown Kind = iota
	Marker
	ArticleFile
	AnnotationFile
	TextFile
	TagFile
)

// ArticlePath is the file of an article.
func ArticlePath(id string) string { return "articles/" + bucketOf(id) + "/" + id + ".json" }

// AnnotationDir is the folder of an article's annotations, ending in "/".
func AnnotationDir(articleID string) string {
	return "annotations/" + bucketOf(articleID) + "/" + articleID + "/"
}

// AnnotationPath is the file of an annotation of an article.
func AnnotationPath(articleID, id string) string { return AnnotationDir(articleID) + id + ".json" }

// TextPath is the file of the text with this SHA-256 (hex).
func TextPath(hash string) string { return "texts/" + hash[:2] + "/" + hash + ".json" }

// TagPath is the file of the tag with this key.
func TagPath(key string) string { return "tags/" + TagFileName(key) + ".json" }

// TagFileName is the name a tag key's file has (without ".json").
func TagFileName(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

// bucketOf is the last two characters of an ID.
func bucketOf(id string) string {
	if len(id) < 2 {
		return "__"
	}
	return id[len(id)-2:]
}

// ParsePath says what a path holds and returns its names: the article's
// ID; the annotation's article and ID; the text's hash; the tag file's
// name. A path that breaks the layout (a file in the wrong folder, a name
// that does not match its folder) is Unknown.
func ParsePath(p string) (Kind, string, string) {
	if p == MarkerPath {
		return Marker, "", ""
	}
	parts := strings.Split(p, "/")
	name, ok := strings.CutSuffix(parts[len(parts)-1], ".json")
	if !ok || name == "" {
		return Unknown, "", ""
	}
	switch {
	case len(parts) == 3 && parts[0] == "articles" && len(name) > 2 && parts[1] == bucketOf(name):
		return ArticleFile, name, ""
	case len(parts) == 4 && parts[0] == "annotations" && len(parts[2]) > 2 && parts[1] == bucketOf(parts[2]):
		return AnnotationFile, parts[2], name
	case len(parts) == 3 && parts[0] == "texts" && len(name) == 64 && isHex(name) && parts[1] == name[:2]:
		return TextFile, name, ""
	case len(parts) == 2 && parts[0] == "tags" && len(name) == 64 && isHex(name):
		return TagFile, name, ""
	}
	return Unknown, "", ""
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// SplitAnnotationPath returns the article and annotation IDs of a path
// shaped like an annotation file (annotations/XY/ARTICLE/ID.json) without
// checking the IDs, and false for any other path. It allocates nothing,
// for scans over every file of a commit; ParsePath checks a path fully.
func SplitAnnotationPath(p string) (article, id string, ok bool) {
	rest, ok := strings.CutPrefix(p, "annotations/")
	if !ok {
		return "", "", false
	}
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return "", "", false
	}
	rest = rest[i+1:]
	j := strings.IndexByte(rest, '/')
	if j <= 0 {
		return "", "", false
	}
	id, ok = strings.CutSuffix(rest[j+1:], ".json")
	if !ok || id == "" || strings.IndexByte(id, '/') >= 0 {
		return "", "", false
	}
	return rest[:j], id, true
}
