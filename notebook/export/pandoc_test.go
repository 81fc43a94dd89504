package export_test

import (
	"bytes"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/export"
)

// pandocItems is a small original notebook: two articles with highlights
// (one quoting an e-mail address, which pandoc must not read as a
// citation) and an orphan.
func pandocItems() iter.Seq2[export.Item, error] {
	added := time.Date(2024, 3, 20, 8, 30, 0, 0, time.UTC)
	text1 := "Customs officers at the river port began applying the new quota on Monday.\n\n" +
		"Traders said half of their cargo now waits a week for clearance. Complaints go to press@meridian.example, the ministry said.\n\n" +
		"The rule will be reviewed in June."
	text2 := "Grain prices fell for a third month as the harvest came in early."
	hl := func(id, art, text, quote, note string, created time.Time) notebook.Annotation {
		start := strings.Index(text, quote)
		return notebook.Annotation{
			ID: id, ArticleID: art, Start: len([]rune(text[:start])), End: len([]rune(text[:start+len(quote)])),
			Quote: quote, Color: notebook.Yellow, Note: note, Status: notebook.Anchored, Created: created, Updated: created,
		}
	}
	items := []export.Item{
		{
			Article: notebook.Article{
				ID: "01PAN1", Title: "Tariffs & quotas at the river port", Byline: "By Anna Keller and Jon Ruiz, with Reuters and AP",
				Outlet: "The Meridian Post", URL: "https://meridian-post.example/economy/quotas", Published: day(2024, 3, 14), Added: added, Language: "en",
			},
			Text: text1,
			Annotations: []notebook.Annotation{
				hl("01A1", "01PAN1", text1, "half of their cargo now waits a week for clearance", "Compare with the *2019* figures.", added),
				hl("01A2", "01PAN1", text1, "Complaints go to press@meridian.example", "", added.Add(time.Minute)),
			},
		},
		{
			Article: notebook.Article{
				ID: "01PAN2", Title: "Grain prices fall for a third month", Byline: "Reuters", Outlet: "The Meridian Post",
				URL: "https://meridian-post.example/markets/grain", Published: day(2024, 2, 29), Added: added, Language: "en",
			},
			Text: text2,
			Annotations: []notebook.Annotation{
				hl("01A3", "01PAN2", text2, "the harvest came in early", "", added),
				{ID: "01A4", ArticleID: "01PAN2", Quote: "a sentence that was edited out", Status: notebook.Orphaned, Color: notebook.Gray, Created: added},
			},
		},
	}
	return func(yield func(export.Item, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
}

func TestWrite_pandocMarkdown(t *testing.T) {
	var md bytes.Buffer
	opt := export.Options{Format: export.Markdown, CiteKeys: true, Bibliography: export.BibliographyName("/tmp/draft.md"), Title: "Draft", Now: fixedClock}
	st, err := export.Write(&md, pandocItems(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if st != (export.Stats{Articles: 2, Annotations: 4}) {
		t.Errorf("stats %+v", st)
	}
	out := md.String()
	for _, want := range []string{
		"bibliography: draft.json\n", "reference-section-title: References\n",
		"## Tariffs \\& quotas at the river port [@keller2024tariffs]\n",
		"> half of their cargo now waits a week for clearance\n\n[@keller2024tariffs, para. 2]\n\nCompare with the *2019* figures.\n",
		"> Complaints go to press\\@meridian.example\n\n[@keller2024tariffs, para. 2]\n",
		"[@reuters2024grain, para. 1]\n", "> a sentence that was edited out\n\n[@reuters2024grain]\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q; got\n%s", want, out)
		}
	}
}

// TestWrite_pandocEndToEnd renders the Markdown export with its CSL-JSON
// bibliography through pandoc --citeproc, as a researcher would.
func TestWrite_pandocEndToEnd(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc is not on PATH (apt-get install pandoc to run this test)")
	}
	dir := t.TempDir()
	mdPath := filepath.Join(dir, "draft.md")
	opt := export.Options{Format: export.Markdown, CiteKeys: true, Bibliography: export.BibliographyName(mdPath), Title: "Draft", Now: fixedClock}
	var md, bib bytes.Buffer
	if _, err := export.Write(&md, pandocItems(), opt); err != nil {
		t.Fatal(err)
	}
	if _, err := export.Write(&bib, pandocItems(), export.Options{Format: export.CSL}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mdPath, md.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, opt.Bibliography), bib.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pandoc, "--citeproc", "--wrap=none", "-t", "plain", "draft.md")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pandoc: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("pandoc warned:\n%s", stderr.String())
	}
	got := stdout.String()
	for _, want := range []string{
		"(Keller and Ruiz 2024, para. 2)", "(Reuters 2024, para. 1)", "(Reuters 2024)",
		"press@meridian.example", "References",
		"Keller, Anna, and Jon Ruiz. 2024. “Tariffs & Quotas at the River Port.” The Meridian Post, March 14, 2024.",
		"Reuters. 2024. “Grain Prices Fall for a Third Month.” The Meridian Post, February 29, 2024.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("pandoc output lacks %q; got\n%s", want, got)
		}
	}
	if strings.Contains(got, "[@") || strings.Contains(got, "???") {
		t.Errorf("unresolved citations in\n%s", got)
	}
}
