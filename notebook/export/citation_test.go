package export

import (
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/notebook"
)

func TestCiter(t *testing.T) {
	full := notebook.Article{
		Title: "Russia pledges drones and grain to Burkina Faso", Byline: "Amara Lindqvist (with Reuters and AP)",
		Outlet: "DW", URL: "https://dw.com/a", Published: notebook.DateOf(time.Date(2023, 2, 8, 0, 0, 0, 0, time.UTC)),
		Added: time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC),
	}
	bare := notebook.Article{Title: "Why Mali?", Added: full.Added}
	two := full
	two.Byline = "By Jane Doe and Jean-Claude van der Berg"
	many := full
	many.Byline = "A One, B Two, C Three, D Four"
	org := full
	org.Byline = "Reuters"
	tests := []struct {
		name  string
		style CitationStyle
		a     notebook.Article
		para  int // 0: the article's citation; -1: an orphan excerpt
		want  string
	}{
		{"default article", DefaultCitation, full, 0, "Amara Lindqvist (with Reuters and AP), “Russia pledges drones and grain to Burkina Faso”, DW, February 8, 2023, https://dw.com/a"},
		{"default excerpt", DefaultCitation, full, 3, "Amara Lindqvist (with Reuters and AP), “Russia pledges drones and grain to Burkina Faso”, DW, February 8, 2023, ¶3, https://dw.com/a"},
		{"default bare", DefaultCitation, bare, 2, "“Why Mali?”, ¶2"},
		{"chicago bibliography", Chicago, full, 0, "Lindqvist, Amara. “Russia pledges drones and grain to Burkina Faso.” DW, February 8, 2023. https://dw.com/a."},
		{"chicago note", Chicago, full, 3, "Amara Lindqvist, “Russia pledges drones and grain to Burkina Faso,” DW, February 8, 2023, para. 3, https://dw.com/a."},
		{"chicago note, orphan", Chicago, full, -1, "Amara Lindqvist, “Russia pledges drones and grain to Burkina Faso,” DW, February 8, 2023, https://dw.com/a."},
		{"chicago bare bibliography", Chicago, bare, 0, "“Why Mali?” Accessed March 1, 2024."},
		{"chicago bare note", Chicago, bare, 1, "“Why Mali?” accessed March 1, 2024, para. 1."},
		{"chicago two authors", Chicago, two, 0, "Doe, Jane, and Jean-Claude van der Berg. “Russia pledges drones and grain to Burkina Faso.” DW, February 8, 2023. https://dw.com/a."},
		{"chicago four authors note", Chicago, many, 1, "A One et al., “Russia pledges drones and grain to Burkina Faso,” DW, February 8, 2023, para. 1, https://dw.com/a."},
		{"apa reference", APA, full, 0, "Lindqvist, A. (2023, February 8). Russia pledges drones and grain to Burkina Faso. DW. https://dw.com/a"},
		{"apa in-text", APA, full, 3, "(Lindqvist, 2023, para. 3)"},
		{"apa in-text, orphan", APA, full, -1, "(Lindqvist, 2023)"},
		{"apa bare reference", APA, bare, 0, "Why Mali? (n.d.)."},
		{"apa bare in-text", APA, bare, 4, "(Why Mali?, n.d., para. 4)"},
		{"apa two authors", APA, two, 0, "Doe, J., & van der Berg, J.-C. (2023, February 8). Russia pledges drones and grain to Burkina Faso. DW. https://dw.com/a"},
		{"apa two authors in-text", APA, two, 2, "(Doe & van der Berg, 2023, para. 2)"},
		{"apa many in-text", APA, many, 2, "(One et al., 2023, para. 2)"},
		{"apa organisation", APA, org, 0, "Reuters. (2023, February 8). Russia pledges drones and grain to Burkina Faso. DW. https://dw.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &citer{style: tt.style, a: &tt.a, authors: parseAuthors(tt.a.Byline)}
			var got Citation
			switch {
			case tt.para == 0:
				got = c.reference()
			case tt.para < 0:
				got = c.excerpt(0)
			default:
				got = c.excerpt(tt.para)
			}
			if got.String() != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			for _, bad := range []string{",,", ", ,", "..", "Unknown", "()", "“”"} {
				if strings.Contains(got.String(), bad) {
					t.Errorf("%q contains %q", got, bad)
				}
			}
		})
	}
}

func TestCitation_formats(t *testing.T) {
	c := Citation{{Text: "Doe, J. (2023). "}, {Text: "A *bold* <claim>", Italic: true}, {Text: ". DW."}}
	if got, want := c.Markdown(), `Doe, J. (2023). *A \*bold\* \<claim\>*. DW.`; got != want {
		t.Errorf("Markdown = %s, want %s", got, want)
	}
	if got, want := string(c.HTML()), "Doe, J. (2023). <i>A *bold* &lt;claim&gt;</i>. DW."; got != want {
		t.Errorf("HTML = %s, want %s", got, want)
	}
}

func TestParseAuthors(t *testing.T) {
	tests := []struct{ byline, want string }{
		{"Amara Lindqvist (with Reuters and AP)", "Lindqvist, Amara"},
		{"By Jane Doe & John Roe", "Doe, Jane | Roe, John"},
		{"Ludwig van Beethoven; Marie Curie", "van Beethoven, Ludwig | Curie, Marie"},
		{"DW staff", "DW staff"},
		{"Reuters", "Reuters"},
		{"Agence France-Presse, AFP", "Agence France-Presse | AFP"},
		{"", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range parseAuthors(tt.byline) {
			got = append(got, a.Inverted())
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("parseAuthors(%q) = %q, want %q", tt.byline, g, tt.want)
		}
	}
}
