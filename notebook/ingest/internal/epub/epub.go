// Package epub imports EPUB books as one article each.
package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/budget"
	"github.com/glossnotes/gloss/notebook/ingest/internal/date"
	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/html"
	"github.com/glossnotes/gloss/notebook/ingest/internal/text"
	"golang.org/x/net/html/atom"
)

// maxUnzipped bounds the total decompressed size of an EPUB's entries
// that are read; a zip bomb is refused when it passes this limit, whatever
// its headers claim.
const maxUnzipped = 256 << 20

// entryCost is the memory charged per entry of an archive, for its
// header and its place in the index of entries.
const entryCost = 256

// fontObfuscation are the encryption algorithms EPUB allows for
// obfuscating embedded fonts; any other encrypted resource means DRM.
var fontObfuscation = map[string]bool{
	"http://www.idpf.org/2008/embedding": true,
	"http://ns.adobe.com/pdf/enc#RC":     true,
}

// Parse imports an EPUB book as one article: its chapters, in reading
// order, with their headings; title, creators, date, publisher and
// language from the package document.
//
// Every chapter is read, however many there are; the limits are on size:
// the archive may unpack to at most maxUnzipped (256 MB), whatever its
// headers claim, and the book's text may be at most draft.MaxFileSize (50 MB).
// A book beyond either is refused, never cut. Each chapter is an HTML
// document parsed with the limits of html.ParseTree. An entry whose data does
// not match its size or checksum header means a damaged archive, and the
// book is refused saying so.
func Parse(bud *budget.Budget, name string, data []byte) (draft.Article, error) {
	if len(data) > draft.MaxFileSize {
		return draft.Article{}, draft.TooLarge(name, int64(len(data)))
	}
	if len(data) == 0 {
		return draft.Article{}, fmt.Errorf("import %s: %w", name, draft.ErrEmpty)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return draft.Article{}, fmt.Errorf("import %s: not an EPUB (not a zip archive): %w", name, err)
	}
	if err := bud.Alloc(entryCost * int64(len(zr.File))); err != nil {
		return draft.Article{}, err
	}
	b := &book{name: name, files: map[string]*zip.File{}, budget: bud}
	var declared uint64
	for _, f := range zr.File {
		b.files[f.Name] = f
		declared += f.UncompressedSize64
	}
	if declared > maxUnzipped {
		return draft.Article{}, fmt.Errorf("import %s: refused: the archive would unpack to %s, more than the %d MB an EPUB may (a zip bomb?)",
			name, draft.FormatSize(int64(min(declared, 1<<62))), maxUnzipped>>20)
	}
	if err := b.checkDRM(); err != nil {
		return draft.Article{}, err
	}
	opfPath, err := b.rootFile()
	if err != nil {
		return draft.Article{}, err
	}
	opfData, err := b.read(opfPath)
	if err != nil {
		return draft.Article{}, err
	}
	var pkg opfPackage
	if err := xml.Unmarshal(opfData, &pkg); err != nil {
		return draft.Article{}, fmt.Errorf("import %s: read package document %s: %w", name, opfPath, err)
	}

	d := draft.Article{
		Title:    first(pkg.Metadata.Titles),
		Byline:   html.JoinNames(trimAll(pkg.Metadata.Creators)),
		Outlet:   first(pkg.Metadata.Publishers),
		Language: html.Language(first(pkg.Metadata.Languages)),
	}
	d.Published = firstDate(pkg.Metadata.Dates)

	items := map[string]item{}
	for _, it := range pkg.Manifest.Items {
		items[it.ID] = it
	}
	base := path.Dir(opfPath)
	var blocks []draft.Block
	textSize := 0
	for _, ref := range pkg.Spine.Refs {
		if err := bud.Check(); err != nil {
			return draft.Article{}, err
		}
		it, ok := items[ref.IDRef]
		if !ok || ref.Linear == "no" || strings.Contains(it.Properties, "nav") {
			continue
		}
		if mt := strings.ToLower(it.MediaType); mt != "application/xhtml+xml" && mt != "text/html" {
			continue
		}
		href := resolve(base, it.Href)
		doc, err := b.read(href)
		if err != nil {
			if errors.Is(err, errEPUBTooBig) || errors.Is(err, errEPUBDamaged) || bud.Err() != nil {
				return draft.Article{}, err
			}
			d.Warnings = append(d.Warnings, fmt.Sprintf("chapter %s skipped: %v", it.Href, err))
			continue
		}
		chapter, err := readChapter(bud, name+": "+href, doc)
		bud.Free(int64(len(doc)))
		if err != nil {
			return draft.Article{}, err
		}
		size := 0
		for _, c := range chapter {
			size += len(c.Text) + 2
		}
		if textSize += size; textSize > draft.MaxFileSize {
			return draft.Article{}, fmt.Errorf("import %s: %w: the book's text is larger than %d MB, the most one article may hold", name, draft.ErrTooLarge, draft.MaxFileSize>>20)
		}
		// The blocks, and the text joined from them.
		if err := bud.Alloc(2 * int64(size)); err != nil {
			return draft.Article{}, err
		}
		blocks = append(blocks, chapter...)
	}
	d.Text, d.Kinds = text.Join(blocks)
	if strings.TrimSpace(d.Text) == "" {
		return draft.Article{}, fmt.Errorf("import %s: %w", name, draft.ErrNoText)
	}
	if d.Title == "" {
		d.Title = text.FirstWords(d.Text, 12)
	}
	return d, nil
}

// errEPUBTooBig marks a read that passed maxUnzipped; errEPUBDamaged
// one whose data does not match the entry's header.
var (
	errEPUBTooBig  = errors.New("decompressed size limit reached")
	errEPUBDamaged = errors.New("the archive is damaged")
)

// book reads the entries of one EPUB archive, counting the bytes
// decompressed against maxUnzipped.
type book struct {
	name     string
	files    map[string]*zip.File
	unzipped int64
	budget   *budget.Budget
}

// read returns the decompressed content of one entry, charged to the
// budget (the caller frees it when done). An entry whose data does not
// match its header's size or checksum gives an error wrapping
// errEPUBDamaged.
func (b *book) read(name string) ([]byte, error) {
	f, ok := b.files[name]
	if !ok {
		return nil, fmt.Errorf("import %s: %s is missing from the archive", b.name, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("import %s: open %s: %w", b.name, name, err)
	}
	defer rc.Close()
	left := maxUnzipped - b.unzipped
	// The header's size is a hint for the charge, checked by the zip
	// reader: data that does not match it is an error below.
	charge := int64(min(f.UncompressedSize64, uint64(left)+1))
	if err := b.budget.Alloc(charge); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(b.budget.Reader(io.LimitReader(rc, left+1)))
	b.unzipped += int64(len(data))
	b.budget.Free(charge)
	if berr := b.budget.Err(); berr != nil {
		return nil, berr
	}
	if err := b.budget.Alloc(int64(len(data))); err != nil {
		return nil, err
	}
	if int64(len(data)) > left {
		return nil, fmt.Errorf("import %s: refused: the archive unpacks to more than %d MB (a zip bomb?): %w", b.name, maxUnzipped>>20, errEPUBTooBig)
	}
	switch {
	case errors.Is(err, zip.ErrFormat):
		return nil, fmt.Errorf("import %s: %w: %s holds more data than its size header says (%d bytes)", b.name, errEPUBDamaged, name, f.UncompressedSize64)
	case errors.Is(err, zip.ErrChecksum):
		return nil, fmt.Errorf("import %s: %w: the data of %s does not match its checksum", b.name, errEPUBDamaged, name)
	case err != nil:
		return nil, fmt.Errorf("import %s: read %s: %w", b.name, name, err)
	}
	return data, nil
}

// checkDRM refuses books whose content is encrypted (Adobe ADEPT, Apple
// FairPlay, Readium LCP, …). Font obfuscation alone is not DRM.
func (b *book) checkDRM() error {
	for _, marker := range []string{"META-INF/rights.xml", "META-INF/license.lcpl", "sinf.xml", "META-INF/sinf.xml"} {
		if _, ok := b.files[marker]; ok {
			return fmt.Errorf("import %s: %w: the book is DRM-protected (%s); Gloss can only import EPUBs without DRM", b.name, draft.ErrUnsupported, marker)
		}
	}
	if _, ok := b.files["META-INF/encryption.xml"]; !ok {
		return nil
	}
	data, err := b.read("META-INF/encryption.xml")
	if err != nil {
		return err
	}
	var enc struct {
		Data []struct {
			Method struct {
				Algorithm string `xml:"Algorithm,attr"`
			} `xml:"EncryptionMethod"`
			URI struct {
				URI string `xml:"URI,attr"`
			} `xml:"CipherData>CipherReference"`
		} `xml:"EncryptedData"`
	}
	if err := xml.Unmarshal(data, &enc); err != nil {
		return fmt.Errorf("import %s: read META-INF/encryption.xml: %w", b.name, err)
	}
	for _, e := range enc.Data {
		if !fontObfuscation[e.Method.Algorithm] {
			return fmt.Errorf("import %s: %w: the book is DRM-protected (%s is encrypted); Gloss can only import EPUBs without DRM",
				b.name, draft.ErrUnsupported, e.URI.URI)
		}
	}
	return nil
}

// rootFile returns the path of the package document named by
// META-INF/container.xml.
func (b *book) rootFile() (string, error) {
	data, err := b.read("META-INF/container.xml")
	if err != nil {
		return "", fmt.Errorf("not an EPUB: %w", err)
	}
	var c struct {
		Rootfiles []struct {
			Path      string `xml:"full-path,attr"`
			MediaType string `xml:"media-type,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(data, &c); err != nil {
		return "", fmt.Errorf("import %s: read META-INF/container.xml: %w", b.name, err)
	}
	for _, r := range c.Rootfiles {
		if r.Path != "" && (r.MediaType == "" || r.MediaType == "application/oebps-package+xml") {
			return r.Path, nil
		}
	}
	return "", fmt.Errorf("import %s: META-INF/container.xml names no package document", b.name)
}

// opfPackage is the part of an OPF package document Gloss reads.
type opfPackage struct {
	Metadata struct {
		Titles     []string `xml:"title"`
		Creators   []string `xml:"creator"`
		Publishers []string `xml:"publisher"`
		Dates      []string `xml:"date"`
		Languages  []string `xml:"language"`
	} `xml:"metadata"`
	Manifest struct {
		Items []item `xml:"item"`
	} `xml:"manifest"`
	Spine struct {
		Refs []struct {
			IDRef  string `xml:"idref,attr"`
			Linear string `xml:"linear,attr"`
		} `xml:"itemref"`
	} `xml:"spine"`
}

// item is one manifest entry.
type item struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr"`
}

// readChapter returns the paragraphs of one XHTML chapter, parsed within
// the budget b and the limits of html.ParseTree. name is the book's name and
// the chapter's path, for messages.
func readChapter(b *budget.Budget, name string, data []byte) ([]draft.Block, error) {
	dec := html.Decode(data, "")
	doc, err := html.ParseTree(b, name, dec.Text)
	if err != nil {
		return nil, err
	}
	body := html.FindFirst(doc, atom.Body)
	if body == nil {
		return nil, nil
	}
	return html.Blocks(body), nil
}

// resolve resolves a manifest href (URL-encoded, relative to the
// package document) to an archive path.
func resolve(base, href string) string {
	if i := strings.IndexAny(href, "#?"); i >= 0 {
		href = href[:i]
	}
	href = strings.ReplaceAll(href, "%20", " ")
	if base == "." {
		return path.Clean(href)
	}
	return path.Clean(path.Join(base, href))
}

// firstDate reads the first usable dc:date (a year alone is 1 January).
func firstDate(dates []string) time.Time {
	for _, s := range dates {
		s = strings.TrimSpace(s)
		if t, ok := date.ParseMeta(s); ok {
			return t
		}
		if t, err := time.Parse("2006", s); err == nil {
			if t, ok := date.Plausible(t); ok {
				return t
			}
		}
	}
	return time.Time{}
}

// first returns the first non-empty value, cleaned of extra spaces.
func first(vals []string) string {
	for _, v := range vals {
		if v = text.CleanSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// trimAll cleans the spaces of every value.
func trimAll(vals []string) []string {
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		out = append(out, text.CleanSpace(v))
	}
	return out
}
