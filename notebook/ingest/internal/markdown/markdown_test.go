package markdown

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"github.com/glossnotes/gloss/notebook/ingest/internal/testkit"
)

func TestParse(t *testing.T) {
	feb8 := time.Date(2023, time.February, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		in       string
		title    string
		byline   string
		date     time.Time
		url      string
		outlet   string
		tags     []string
		paras    []string
		kinds    []draft.Kind
		warnings []string
	}{
		{
			name: "front matter",
			in: "---\ntitle: \"Talks: a new phase\"\nauthor: Jane Doe\ndate: 2023-02-08\nurl: https://example.com/a\n" +
				"tags: [Sahel/Security, Russia–Africa ties]\nsite: Example News\n---\n\nFirst paragraph.\n",
			title: "Talks: a new phase", byline: "Jane Doe", date: feb8, url: "https://example.com/a",
			outlet: "Example News", tags: []string{"Sahel/Security", "Russia–Africa ties"},
			paras: []string{"First paragraph."},
		},
		{
			name:  "front matter lists, timestamp, comma tags; repeated h1 dropped",
			in:    "---\nTitle: Talks\nauthors:\n  - Jane Doe\n  - John Roe\n  - Ann Poe\ndate: 2023-02-08T10:30:00Z\ntags: sahel, security\n---\n# Talks\n\nBody.\n",
			title: "Talks", byline: "Jane Doe, John Roe and Ann Poe", date: time.Date(2023, 2, 8, 10, 30, 0, 0, time.UTC),
			tags:  []string{"sahel", "security"},
			paras: []string{"Body."},
		},
		{
			name:  "front matter title keeps a different h1 as a heading",
			in:    "---\ntitle: Talks\n---\n# Background\n\nBody.\n",
			title: "Talks",
			paras: []string{"Background", "Body."},
			kinds: []draft.Kind{draft.Heading, draft.Body},
		},
		{
			name:  "no front matter: first h1 is the title",
			in:    "Intro line before.\n\n# The Title\n\nSome *emphasis*, a [link](https://example.com), `code`, and **bold**.\n\n## Section\n\nMore text.\n\n# Second h1\n",
			title: "The Title",
			paras: []string{"Intro line before.", "Some emphasis, a link, code, and bold.", "Section", "More text.", "Second h1"},
			kinds: []draft.Kind{draft.Body, draft.Body, draft.Heading, draft.Body, draft.Heading},
		},
		{
			name:  "setext title, soft and hard breaks, escapes and entities",
			in:    "The Title\n=========\n\nline one\nline two  \nline three\\\nfour \\*not em\\* &amp; &eacute; &#8212;\n",
			title: "The Title",
			paras: []string{"line one line two\nline three\nfour *not em* & é —"},
		},
		{
			name:     "no title",
			in:       "Just text.\n",
			paras:    []string{"Just text."},
			warnings: []string{"no title found"},
		},
		{
			name:  "quotes, lists, code, table, image, html, rule",
			in:    "# T\n\n> quoted\n> text\n\n3. three\n4. four\n\n- a\n  - nested\n\n- [x] done\n\n```\ncode  line\n\n\nsecond\n```\n\n| h1 | h2 |\n|----|----|\n| c1 | c2 |\n\n![Alt text](pic.png \"The caption\")\n\n![Only alt](pic.png)\n\n<div>raw html</div>\n\n---\n\nEnd with <b>tags</b>.\n",
			title: "T",
			paras: []string{"quoted text", "3. three", "4. four", "a", "nested", "done", "code  line", "second", "h1 | h2", "c1 | c2", "The caption", "Only alt", "End with tags."},
			kinds: []draft.Kind{draft.Quote, draft.Item, draft.Item, draft.Item, draft.Item, draft.Item, draft.Body, draft.Body, draft.Body, draft.Body, draft.Caption, draft.Caption, draft.Body},
		},
		{
			name:     "invalid YAML is left out with a warning",
			in:       "---\ntitle: [unclosed\n---\n# Real\n\nBody.\n",
			title:    "Real",
			paras:    []string{"Body."},
			warnings: []string{"front matter ignored"},
		},
		{
			name:     "unreadable date and url are warned about",
			in:       "---\ntitle: T\ndate: someday\nurl: not a url\n---\nBody.\n",
			title:    "T",
			paras:    []string{"Body."},
			warnings: []string{"front matter url \"not a url\" is not a web address", "front matter date \"someday\" not understood"},
		},
		{
			name:     "unclosed front matter is Markdown",
			in:       "---\ntitle: T\n\nBody.\n",
			paras:    []string{"title: T", "Body."},
			warnings: []string{"no title found"},
		},
		{
			name:  "CRLF",
			in:    "---\r\ntitle: T\r\n---\r\nOne\r\ntwo\r\n\r\n\r\n\r\nThree\r\n",
			title: "T",
			paras: []string{"One two", "Three"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(nil, "a.md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			testkit.CheckText(t, d.Text, d.Kinds)
			if d.Title != tt.title || d.Byline != tt.byline || !d.Published.Equal(tt.date) || d.URL != tt.url || d.Outlet != tt.outlet {
				t.Errorf("got title %q, byline %q, date %v, url %q, outlet %q;\nwant %q, %q, %v, %q, %q",
					d.Title, d.Byline, d.Published, d.URL, d.Outlet, tt.title, tt.byline, tt.date, tt.url, tt.outlet)
			}
			if !slices.Equal(d.Tags, tt.tags) {
				t.Errorf("tags = %q, want %q", d.Tags, tt.tags)
			}
			if got := testkit.Paragraphs(d.Text); !slices.Equal(got, tt.paras) {
				t.Errorf("paragraphs:\n got %q\nwant %q", got, tt.paras)
			}
			if !slices.Equal(d.Kinds, tt.kinds) {
				t.Errorf("kinds = %v, want %v", d.Kinds, tt.kinds)
			}
			if len(d.Warnings) != len(tt.warnings) {
				t.Errorf("warnings = %q, want %q", d.Warnings, tt.warnings)
			}
			for i, w := range tt.warnings {
				if i < len(d.Warnings) && !strings.HasPrefix(d.Warnings[i], w) {
					t.Errorf("warning %d = %q, want prefix %q", i, d.Warnings[i], w)
				}
			}
		})
	}
}

func TestParse_errors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"empty", "", draft.ErrEmpty},
		{"front matter only", "---\ntitle: T\n---\n", draft.ErrNoText},
		{"title only", "# T\n", draft.ErrNoText},
		{"html only", "<div>\n</div>\n", draft.ErrNoText},
		{"invalid utf-8", "# Tö\n\nna\xefve\n", draft.ErrInvalidUTF8},
		{"binary", "\x00\x01\x02", draft.ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(nil, "notes.md", []byte(tt.data))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), "notes.md") {
				t.Errorf("error = %v, want %v naming notes.md", err, tt.want)
			}
		})
	}
}

func FuzzMarkdown(f *testing.F) {
	f.Add([]byte("---\ntitle: T\nauthor: [A, B]\ndate: 2023-02-08\ntags: x, y\n---\n# H\n\ntext *em* [l](u)\n"))
	f.Add([]byte("> q\n>\n> r\n\n1. a\n\n   b\n2. c\n\n```go\nx\n\n\ny\n```\n\n| a |\n|---|\n| b |\n"))
	f.Add([]byte("Title\r\n===\r\n\r\n![alt](x \"t\")\r\n<b>x</b> &amp; \\* \u2028 \f\x01"))
	f.Add([]byte("---\n: [\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(nil, "f.md", data)
		if err != nil {
			return
		}
		testkit.CheckText(t, d.Text, d.Kinds)
		if d.Text == "" {
			t.Error("no error but empty text")
		}
	})
}

// TestParse_chunks: a source parsed in chunks gives the same text as
// parsed whole: containers, fenced code and HTML blocks with blank lines
// inside are never cut, and links defined anywhere resolve everywhere.
func TestParse_chunks(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: Chunks\n---\n# Chunks\n\nIntro with a [reference link][far] and *emphasis*.\n\n")
	for i := range 40 {
		fmt.Fprintf(&b, "## Part %d\n\nA paragraph of part %d, with a [link][far], `code` and **bold**.\nIt goes on over a second line.\n\n", i, i)
		b.WriteString("1. first\n\n2. second, loose\n\n   continued under the item\n\n- bullet\n\n  more of the bullet\n\n")
		b.WriteString("> quoted\n>\n> still quoted\n\n```\ncode\n\n\nafter blank lines\n```\n\n<!-- a comment\n\nwith a blank line -->\n\n")
		b.WriteString("    indented code\n\n    more indented code\n\n| a | b |\n|---|---|\n| c | d |\n\n")
	}
	b.WriteString("[far]: https://example.com/far\n")
	src := []byte(b.String())
	whole, err := Parse(nil, "c.md", src)
	if err != nil {
		t.Fatal(err)
	}
	old := chunkSize
	t.Cleanup(func() { chunkSize = old })
	for _, size := range []int{1, 100, 1000} {
		chunkSize = size
		got, err := Parse(nil, "c.md", src)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != whole.Text || !slices.Equal(got.Kinds, whole.Kinds) || got.Title != whole.Title {
			t.Errorf("chunks of %d bytes: text differs\n got %.400q\nwant %.400q", size, got.Text, whole.Text)
		}
	}
	if strings.Contains(whole.Text, "[link][far]") || !strings.Contains(whole.Text, "with a link, code and bold") {
		t.Errorf("the reference links were not resolved: %.300q", whole.Text)
	}
}

func TestParse_tooManyMarkers(t *testing.T) {
	src := "# Stars\n\n" + strings.Repeat("*_", 15_000) + "a" + strings.Repeat("_*", 15_000) + "\n\nAn ordinary paragraph.\n"
	d, err := Parse(nil, "stars.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(d.Warnings, "\n"), "read as plain text") || !strings.Contains(d.Text, "An ordinary paragraph.") {
		t.Errorf("warnings %q, text %.100q", d.Warnings, d.Text)
	}
}
