package export_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/cite"
	"github.com/glossnotes/gloss/notebook/export"
)

// cslEntry is the part of a CSL-JSON item compared across formats.
type cslEntry struct {
	ID             string            `json:"id"`
	Type           string            `json:"type"`
	Title          string            `json:"title"`
	Author         []json.RawMessage `json:"author"`
	ContainerTitle string            `json:"container-title"`
	Issued         json.RawMessage   `json:"issued"`
	URL            string            `json:"URL"`
	DOI            string            `json:"DOI"`
}

func writeRefs(t *testing.T, format export.Format, arts []notebook.Article) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := export.Write(&b, stream(arts), export.Options{Format: format}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBibLaTeX_readBack has pandoc read the BibLaTeX export (as biber
// would) and checks that titles with LaTeX specials, names, outlets,
// dates, URLs and DOIs come back as the CSL-JSON export has them.
func TestBibLaTeX_readBack(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc is not on PATH (apt-get install pandoc to run this test)")
	}
	arts := refArticles(t)
	cmd := exec.Command(pandoc, "-f", "biblatex", "-t", "csljson")
	cmd.Stdin = bytes.NewReader(writeRefs(t, export.BibTeX, arts))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc: %v\n%s", err, stderr.String())
	}
	var fromBib, fromCSL []cslEntry
	if err := json.Unmarshal(out, &fromBib); err != nil {
		t.Fatalf("pandoc's CSL-JSON: %v", err)
	}
	if err := json.Unmarshal(writeRefs(t, export.CSL, arts), &fromCSL); err != nil {
		t.Fatal(err)
	}
	byID := map[string]cslEntry{}
	for _, e := range fromBib {
		byID[e.ID] = e
	}
	if len(fromBib) != len(fromCSL) {
		t.Errorf("pandoc read %d entries, want %d", len(fromBib), len(fromCSL))
	}
	for _, want := range fromCSL {
		got, ok := byID[want.ID]
		if !ok {
			t.Errorf("%s: missing from pandoc's reading", want.ID)
			continue
		}
		if got.Title != want.Title {
			t.Errorf("%s: title %q, want %q", want.ID, got.Title, want.Title)
		}
		if got.ContainerTitle != want.ContainerTitle {
			t.Errorf("%s: container %q, want %q", want.ID, got.ContainerTitle, want.ContainerTitle)
		}
		if got.URL != want.URL || got.DOI != want.DOI {
			t.Errorf("%s: URL %q DOI %q, want %q %q", want.ID, got.URL, got.DOI, want.URL, want.DOI)
		}
		if !sameJSON(got.Issued, want.Issued) {
			t.Errorf("%s: issued %s, want %s", want.ID, got.Issued, want.Issued)
		}
		if len(got.Author) != len(want.Author) {
			t.Errorf("%s: %d authors %s, want %d %s", want.ID, len(got.Author), got.Author, len(want.Author), want.Author)
			continue
		}
		for i := range want.Author {
			if !sameName(got.Author[i], want.Author[i]) {
				t.Errorf("%s: author %d %s, want %s", want.ID, i, got.Author[i], want.Author[i])
			}
		}
	}
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	json.Unmarshal(a, &x)
	json.Unmarshal(b, &y)
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// sameName compares names as a reader would see them: a particle that
// pandoc moves out of the family name is put back first.
func sameName(got, want json.RawMessage) bool {
	var g, w map[string]string
	json.Unmarshal(got, &g)
	json.Unmarshal(want, &w)
	if p := g["non-dropping-particle"]; p != "" {
		g["family"] = p + " " + g["family"]
		delete(g, "non-dropping-particle")
	}
	if p := g["dropping-particle"]; p != "" {
		g["family"] = p + " " + g["family"]
		delete(g, "dropping-particle")
	}
	for k, v := range g {
		if w[k] != v {
			return false
		}
	}
	return len(g) == len(w)
}

// TestBibLaTeX_wellFormed checks every entry of the export: braces
// balance, keys are valid, and titles hold no unescaped special.
func TestBibLaTeX_wellFormed(t *testing.T) {
	bib := string(writeRefs(t, export.BibTeX, refArticles(t)))
	entry := regexp.MustCompile(`(?m)^@(\w+)\{([^,]+),$`)
	special := regexp.MustCompile(`(^|[^\\])[&%$#_]`)
	for _, block := range strings.Split(strings.TrimSpace(bib), "\n\n") {
		m := entry.FindStringSubmatch(block)
		if m == nil || !cite.ValidKey(m[2]) {
			t.Errorf("entry does not start with @type{key,:\n%s", block)
			continue
		}
		depth := 0
		for i, c := range block {
			if c == '\\' && i+1 < len(block) {
				continue
			}
			if c == '{' && (i == 0 || block[i-1] != '\\') {
				depth++
			}
			if c == '}' && (i == 0 || block[i-1] != '\\') {
				depth--
			}
			if depth < 0 {
				t.Errorf("%s: unbalanced braces", m[2])
				break
			}
		}
		if depth != 0 {
			t.Errorf("%s: braces do not balance (%d)", m[2], depth)
		}
		for _, line := range strings.Split(block, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "title") && special.MatchString(strings.SplitN(line, "=", 2)[1]) {
				t.Errorf("%s: unescaped special in %s", m[2], line)
			}
		}
	}
}

// TestRIS_wellFormed checks the RIS export line by line: "XX  - value"
// tags, CRLF line ends, each record from TY to ER.
func TestRIS_wellFormed(t *testing.T) {
	arts := refArticles(t)
	ris := writeRefs(t, export.RIS, arts)
	if bytes.Contains(bytes.ReplaceAll(ris, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("a line ends without CR")
	}
	tag := regexp.MustCompile(`^[A-Z][A-Z0-9]  - (\S.*)?$`)
	sc := bufio.NewScanner(bytes.NewReader(ris))
	records, open, n := 0, false, 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		switch {
		case line == "":
			continue
		case !tag.MatchString(line):
			t.Errorf("line %d: %q is not a RIS tag line", n, line)
		case strings.HasPrefix(line, "TY  - "):
			if open {
				t.Errorf("line %d: TY inside a record", n)
			}
			open = true
		case line == "ER  - ":
			if !open {
				t.Errorf("line %d: ER outside a record", n)
			}
			open = false
			records++
		case !open:
			t.Errorf("line %d: %q outside a record", n, line)
		}
	}
	if open || records != len(arts) {
		t.Errorf("%d records (open at end: %v), want %d", records, open, len(arts))
	}
}
