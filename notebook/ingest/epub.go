package ingest

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

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func init() {
	register("application/epub+zip", []string{".epub"}, parseEPUB)
}

// epubMaxUnzipped bounds the total decompressed size of an EPUB's entries
// that are read; a zip bomb is refused when it passes this limit, whatever
// its headers claim.
const epubMaxUnzipped = 256 << 20

// epubMaxChapters bounds the number of spine documents read.
const epubMaxChapters = 5000

// epubFontObfuscation are the encryption algorithms EPUB allows for
// obfuscating embedded fonts; any other encrypted resource means DRM.
var epubFontObfuscation = map[string]bool{
	"http://www.idpf.org/2008/embedding": true,
	"http://ns.adobe.com/pdf/enc#RC":     true,
}

// parseEPUB imports an EPUB book as one article: its chapters, in reading
// order, with their headings; title, creators, date, publisher and
// language from the package document.
func parseEPUB(name string, data []byte) (Draft, error) {
	if len(data) > MaxFileSize {
		return Draft{}, tooLarge(name, int64(len(data)))
	}
	if len(data) == 0 {
		return Draft{}, fmt.Errorf("import %s: %w", name, ErrEmpty)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Draft{}, fmt.Errorf("import %s: not an EPUB (not a zip archive): %w", name, err)
	}
	b := &epubBook{name: name, files: map[string]*zip.File{}}
	var declared uint64
	for _, f := range zr.File {
		b.files[f.Name] = f
		declared += f.UncompressedSize64
	}
	if declared > epubMaxUnzipped {
		return Draft{}, fmt.Errorf("import %s: refused: the archive would unpack to %s, more than the %d MB an EPUB may (a zip bomb?)",
			name, formatSize(int64(min(declared, 1<<62))), epubMaxUnzipped>>20)
	}
	if err := b.checkDRM(); err != nil {
		return Draft{}, err
	}
	opfPath, err := b.rootFile()
	if err != nil {
		return Draft{}, err
	}
	opfData, err := b.read(opfPath)
	if err != nil {
		return Draft{}, err
	}
	var pkg epubPackage
	if err := xml.Unmarshal(opfData, &pkg); err != nil {
		return Draft{}, fmt.Errorf("import %s: read package document %s: %w", name, opfPath, err)
	}

	d := Draft{
		Title:     epubFirst(pkg.Metadata.Titles),
		Byline:    metaJoinNames(epubTrimAll(pkg.Metadata.Creators)),
		Outlet:    epubFirst(pkg.Metadata.Publishers),
		Language:  metaLanguage(epubFirst(pkg.Metadata.Languages)),
		Source:    data,
		MediaType: "application/epub+zip",
	}
	d.Published = epubDate(pkg.Metadata.Dates)

	items := map[string]epubItem{}
	for _, it := range pkg.Manifest.Items {
		items[it.ID] = it
	}
	base := path.Dir(opfPath)
	var blocks []block
	chapters := 0
	for _, ref := range pkg.Spine.Refs {
		it, ok := items[ref.IDRef]
		if !ok || ref.Linear == "no" || strings.Contains(it.Properties, "nav") {
			continue
		}
		if mt := strings.ToLower(it.MediaType); mt != "application/xhtml+xml" && mt != "text/html" {
			continue
		}
		if chapters++; chapters > epubMaxChapters {
			d.Warnings = append(d.Warnings, fmt.Sprintf("only the first %d chapters were read", epubMaxChapters))
			break
		}
		href := epubResolve(base, it.Href)
		doc, err := b.read(href)
		if err != nil {
			if errors.Is(err, errEPUBTooBig) {
				return Draft{}, err
			}
			d.Warnings = append(d.Warnings, fmt.Sprintf("chapter %s skipped: %v", it.Href, err))
			continue
		}
		blocks = append(blocks, epubChapter(doc)...)
	}
	d.Text, d.Kinds = joinBlocks(blocks)
	if strings.TrimSpace(d.Text) == "" {
		return Draft{}, fmt.Errorf("import %s: %w", name, ErrNoText)
	}
	if d.Title == "" {
		d.Title = htmlFirstWords(d.Text, 12)
	}
	return d, nil
}

// errEPUBTooBig marks a read that passed epubMaxUnzipped.
var errEPUBTooBig = errors.New("decompressed size limit reached")

// epubBook reads the entries of one EPUB archive, counting the bytes
// decompressed against epubMaxUnzipped.
type epubBook struct {
	name     string
	files    map[string]*zip.File
	unzipped int64
}

// read returns the decompressed content of one entry.
func (b *epubBook) read(name string) ([]byte, error) {
	f, ok := b.files[name]
	if !ok {
		return nil, fmt.Errorf("import %s: %s is missing from the archive", b.name, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("import %s: open %s: %w", b.name, name, err)
	}
	defer rc.Close()
	left := epubMaxUnzipped - b.unzipped
	data, err := io.ReadAll(io.LimitReader(rc, left+1))
	b.unzipped += int64(len(data))
	if int64(len(data)) > left {
		return nil, fmt.Errorf("import %s: refused: the archive unpacks to more than %d MB (a zip bomb?): %w", b.name, epubMaxUnzipped>>20, errEPUBTooBig)
	}
	if err != nil {
		return nil, fmt.Errorf("import %s: read %s: %w", b.name, name, err)
	}
	return data, nil
}

// checkDRM refuses books whose content is encrypted (Adobe ADEPT, Apple
// FairPlay, Readium LCP, …). Font obfuscation alone is not DRM.
func (b *epubBook) checkDRM() error {
	for _, marker := range []string{"META-INF/rights.xml", "META-INF/license.lcpl", "sinf.xml", "META-INF/sinf.xml"} {
		if _, ok := b.files[marker]; ok {
			return fmt.Errorf("import %s: %w: the book is DRM-protected (%s); Gloss can only import EPUBs without DRM", b.name, ErrUnsupported, marker)
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
		if !epubFontObfuscation[e.Method.Algorithm] {
			return fmt.Errorf("import %s: %w: the book is DRM-protected (%s is encrypted); Gloss can only import EPUBs without DRM",
				b.name, ErrUnsupported, e.URI.URI)
		}
	}
	return nil
}

// rootFile returns the path of the package document named by
// META-INF/container.xml.
func (b *epubBook) rootFile() (string, error) {
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

// epubPackage is the part of an OPF package document Gloss reads.
type epubPackage struct {
	Metadata struct {
		Titles     []string `xml:"title"`
		Creators   []string `xml:"creator"`
		Publishers []string `xml:"publisher"`
		Dates      []string `xml:"date"`
		Languages  []string `xml:"language"`
	} `xml:"metadata"`
	Manifest struct {
		Items []epubItem `xml:"item"`
	} `xml:"manifest"`
	Spine struct {
		Refs []struct {
			IDRef  string `xml:"idref,attr"`
			Linear string `xml:"linear,attr"`
		} `xml:"itemref"`
	} `xml:"spine"`
}

// epubItem is one manifest entry.
type epubItem struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr"`
}

// epubChapter returns the paragraphs of one XHTML chapter.
func epubChapter(data []byte) []block {
	dec := htmlDecode(data, "")
	doc, err := html.Parse(strings.NewReader(dec.text))
	if err != nil {
		return nil
	}
	body := htmlFindFirst(doc, atom.Body)
	if body == nil {
		return nil
	}
	return htmlBlocks(body)
}

// epubResolve resolves a manifest href (URL-encoded, relative to the
// package document) to an archive path.
func epubResolve(base, href string) string {
	if i := strings.IndexAny(href, "#?"); i >= 0 {
		href = href[:i]
	}
	href = strings.ReplaceAll(href, "%20", " ")
	if base == "." {
		return path.Clean(href)
	}
	return path.Clean(path.Join(base, href))
}

// epubDate reads the first usable dc:date (a year alone is 1 January).
func epubDate(dates []string) time.Time {
	for _, s := range dates {
		s = strings.TrimSpace(s)
		if t, ok := metaParseDate(s); ok {
			return t
		}
		if t, err := time.Parse("2006", s); err == nil {
			if t, ok := metaPlausible(t); ok {
				return t
			}
		}
	}
	return time.Time{}
}

// epubFirst returns the first non-empty value, cleaned of extra spaces.
func epubFirst(vals []string) string {
	for _, v := range vals {
		if v = metaCleanSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// epubTrimAll cleans the spaces of every value.
func epubTrimAll(vals []string) []string {
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		out = append(out, metaCleanSpace(v))
	}
	return out
}
