package export

import "testing"

func TestHashtag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russia–Africa ties", "#Russia–Africa_ties"},
		{"Sahel/Mali", "#Sahel/Mali"},
		{"Geopolitics/Russia–Africa ties", "#Geopolitics/Russia–Africa_ties"},
		{"U.S. policy (2023)", "#U_S_policy_2023"},
		{"2023", "#_2023"},
		{"Côte d'Ivoire", "#Côte_d_Ivoire"},
		{"a  -  b", "#a_-_b"},
		{"!!!", ""},
		{"Sahel/!!/Mali", "#Sahel/Mali"},
	}
	for _, tt := range tests {
		if got := Hashtag(tt.in); got != tt.want {
			t.Errorf("Hashtag(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, nothing to do.", "plain text, nothing to do."},
		{"a *b* _c_ `d` [e](f) <g> AT&T", `a \*b\* \_c\_ \` + "`" + `d\` + "`" + ` \[e\](f) \<g\> AT\&T`},
		{"# not a heading", `\# not a heading`},
		{"- not a list\n+ nor this", "\\- not a list\n\\+ nor this"},
		{"1. not numbered\n2) nor this", "1\\. not numbered\n2\\) nor this"},
		{"in 2023. Then", "in 2023. Then"},
		{"> not a quote", `\> not a quote`},
	}
	for _, tt := range tests {
		if got := escapeMarkdown(tt.in); got != tt.want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeNoteHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"no html", "no html"},
		{"<script>alert(1)</script>", `\<script>alert(1)\</script>`},
		{`"><img src=x onerror=alert(1)>`, `">\<img src=x onerror=alert(1)>`},
		{"keep `<b>` in code", "keep `<b>` in code"},
		{"```\n<div>\n```\n<div>", "```\n<div>\n```\n\\<div>"},
		{`already \<escaped`, `already \<escaped`},
		{"unclosed ` <b>", "unclosed ` \\<b>"},
	}
	for _, tt := range tests {
		if got := escapeNoteHTML(tt.in); got != tt.want {
			t.Errorf("escapeNoteHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBlockquote(t *testing.T) {
	if got, want := blockquote("one\n\ntwo\n"), "> one\n>\n> two"; got != want {
		t.Errorf("blockquote = %q, want %q", got, want)
	}
	if got, want := indent("  ", "a\n\nb"), "  a\n\n  b"; got != want {
		t.Errorf("indent = %q, want %q", got, want)
	}
}
