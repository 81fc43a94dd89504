package html

import (
	"errors"
	nurl "net/url"
	"slices"
	"strings"
	"testing"

	"github.com/glossnotes/gloss/notebook/ingest/internal/draft"
	"golang.org/x/net/html"
)

// withoutExtractor runs f with an extractor that finds nothing, as
// go-readability does on some old table layouts.
func withoutExtractor(t *testing.T, f func()) {
	t.Helper()
	saved := extractor
	extractor = func(*html.Node, *nurl.URL) (extraction, error) { return extraction{}, errors.New("no content") }
	defer func() { extractor = saved }()
	f()
}

func TestDensestRun(t *testing.T) {
	para := func(n int) block {
		return block{Block: draft.Block{Text: strings.Repeat("word ", n) + "end."}, chars: 4*n + 3}
	}
	link := func(n int) block {
		b := para(n)
		b.links = b.chars
		return b
	}
	short := block{Block: draft.Block{Text: "Posted 7:40"}, chars: 9}
	tests := []struct {
		name       string
		in         []block
		start, end int
	}{
		{"article between menus", []block{link(3), link(4), short, para(40), para(30), link(3), link(5)}, 3, 5},
		{"a short line inside the article stays", []block{link(3), para(40), short, para(30), link(3)}, 1, 4},
		{"a long menu splits two texts, the longer wins", []block{para(20), link(30), para(50), link(3)}, 2, 3},
		{"nothing but links", []block{link(3), link(4)}, 0, 0},
	}
	for _, tt := range tests {
		if s, e := densestRun(tt.in); s != tt.start || e != tt.end {
			t.Errorf("%s: densestRun = [%d, %d), want [%d, %d)", tt.name, s, e, tt.start, tt.end)
		}
	}
}

func TestParse_secondMethod(t *testing.T) {
	withoutExtractor(t, func() {
		d, err := Parse(nil, "table-layout.html", fixture(t, "table-layout.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(d.Warnings, warnSecondMethod) {
			t.Errorf("warnings %q lack the second-method warning", d.Warnings)
		}
		for _, s := range []string{"Two goals in the last five minutes", "with a game in hand over both of the clubs above them."} {
			if !strings.Contains(d.Text, s) {
				t.Errorf("text lacks %q:\n%s", s, d.Text)
			}
		}
		for _, s := range []string{"Classifieds", "Password", "Rovers sign new keeper", "Advertise", "Privacy"} {
			if strings.Contains(d.Text, s) {
				t.Errorf("text has %q:\n%s", s, d.Text)
			}
		}
	})
}

func TestParse_wholePage(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string // in the text
		absent     []string
	}{
		{"login.html", string(fixture(t, "login.html")), []string{"Sign in to your account", "Create an account"}, []string{"Privacy", "Keep me signed in"}},
		{"menu.html", `<html><body><nav><a href="/">Home</a> <a href="/b">Blog</a></nav><p>Hello.</p></body></html>`, []string{"Hello."}, []string{"Home", "Blog"}},
		{"notice.html", `<html><head><title>Closed</title></head><body><header><a href="/">Ferry Times</a></header>
<p>The timetable page is closed for maintenance until Monday.</p><footer>© Ferry Times</footer></body></html>`,
			[]string{"The timetable page is closed for maintenance until Monday."}, []string{"Ferry Times"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(nil, tt.name, []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(d.Warnings, warnWholePage) && !slices.Contains(d.Warnings, warnSecondMethod) {
				t.Errorf("warnings %q lack a fallback warning", d.Warnings)
			}
			for _, s := range tt.want {
				if !strings.Contains(d.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, d.Text)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(d.Text, s) {
					t.Errorf("text has %q:\n%s", s, d.Text)
				}
			}
		})
	}
}

func TestParse_noTextAtAll(t *testing.T) {
	for name, page := range map[string]string{
		"nav.html":    `<html><body><nav><a href="/">Home</a> <a href="/b">Blog</a></nav></body></html>`,
		"title.html":  `<html><head><title>Only a title</title></head><body></body></html>`,
		"images.html": `<html><body><img src="a.jpg"><img src="b.jpg"><form><input name="q"><button>Go</button></form></body></html>`,
	} {
		_, err := Parse(nil, name, []byte(page))
		if !errors.Is(err, draft.ErrNoText) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v, want ErrNoText naming the file", name, err)
		}
	}
}

func TestRemoveChrome(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><body><header>Site</header><nav>Menu</nav>
<form id="page"><article><header>Kicker</header><p>Story.</p><footer>Filed under</footer></article>
<div role="navigation">Sections</div><aside>Most read</aside><label>Search</label><input name="q"></form>
<p hidden>Hidden</p><p aria-hidden="true">Also hidden</p><footer>Imprint</footer></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	removeChrome(doc, false)
	var texts []string
	for _, b := range pageBlocks(doc) {
		texts = append(texts, b.Text)
	}
	got := strings.Join(texts, " / ")
	if want := "Kicker / Story. / Filed under"; got != want {
		t.Errorf("text after removeChrome = %q, want %q", got, want)
	}
}

func TestCloseRunawayTitle(t *testing.T) {
	story := strings.Repeat("<p>The ferry ran late again on Tuesday, the third time this week.</p>\n", 30)
	page := `<html><head><title>Ferry late again</titlscript src="/a.js"></script></head><body><h1>Ferry late again</h1>` + story + `</body></html>`
	d, err := Parse(nil, "runaway.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "The ferry ran late again on Tuesday") || strings.Contains(d.Text, "<p>") {
		t.Errorf("text:\n%s", d.Text)
	}
	if d.Title != "Ferry late again" {
		t.Errorf("title %q", d.Title)
	}
	// An ordinary title is left alone.
	doc, _ := html.Parse(strings.NewReader(`<title>A &lt;b&gt; tag</title><p>x</p>`))
	if _, ok := closeRunawayTitle(`<title>A &lt;b&gt; tag</title><p>x</p>`, doc); ok {
		t.Error("a short title was taken for a runaway one")
	}
}
