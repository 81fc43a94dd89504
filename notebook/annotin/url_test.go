package annotin_test

import (
	"testing"

	"github.com/glossnotes/gloss/notebook/annotin"
)

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.example-news.org/africa/mopti-port-expansion/", "https://example-news.org/africa/mopti-port-expansion"},
		{"http://example-news.org/africa/mopti-port-expansion", "https://example-news.org/africa/mopti-port-expansion"},
		{"HTTPS://WWW.Example-News.ORG/Africa/Story?utm_source=nl&utm_medium=email#comments", "https://example-news.org/Africa/Story"},
		{"https://example.org/a?fbclid=IwAR0&gclid=x&mc_cid=1&mc_eid=2&id=7", "https://example.org/a?id=7"},
		{"https://example.org/a?b=2&a=1&a=0", "https://example.org/a?a=0&a=1&b=2"},
		{"https://example.org/a?", "https://example.org/a"},
		{"https://example.org/news/amp/world-12345", "https://example.org/news/world-12345"},
		{"https://example.org/2023/story/amp", "https://example.org/2023/story"},
		{"https://example.org/2023/story/amp/", "https://example.org/2023/story"},
		{"https://example.org/2023/story.amp.html", "https://example.org/2023/story.html"},
		{"https://example.org/2023/story.amp", "https://example.org/2023/story"},
		{"https://example.org/story?amp=1", "https://example.org/story"},
		{"https://example.org/story?amp", "https://example.org/story"},
		{"https://example.org/story?outputType=amp", "https://example.org/story"},
		{"https://example.org/story?outputType=print", "https://example.org/story?outputType=print"},
		{"https://amp.example-wire.com/world/talks.amp.html?fbclid=1", "https://example-wire.com/world/talks.html"},
		{"https://amp.com/x", "https://amp.com/x"},
		{"https://www.com/x", "https://www.com/x"},
		{"https://example.org:443/x", "https://example.org/x"},
		{"http://example.org:80/x", "https://example.org/x"},
		{"http://example.org:8080/x/", "https://example.org:8080/x"},
		{"https://user:pw@example.org/x", "https://example.org/x"},
		{"https://example.org/", "https://example.org"},
		{"https://example.org", "https://example.org"},
		{"https://example.org./a/./b/../c", "https://example.org/a/c"},
		{"https://example.org/caf%C3%A9/", "https://example.org/caf%C3%A9"},
		{"https://example.org/a%2Fb", "https://example.org/a/b"},
		{"https://[::1]:8443/x", "https://[::1]:8443/x"},
		{"https://[::1]/x", "https://[::1]/x"},
		{"urn:gloss:article:01ART", "urn:gloss:article:01ART"},
		{"  mailto:someone@example.org ", "mailto:someone@example.org"},
		{"not a url", "not a url"},
		{"", ""},
		{"ftp://example.org/file", "ftp://example.org/file"},
		{"https://example.org/q?ref=home", "https://example.org/q?ref=home"},
	}
	for _, tt := range tests {
		if got := annotin.NormalizeURL(tt.in); got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNormalizeURL_sameArticle checks that the variants under which one
// article circulates share a key, and different articles do not.
func TestNormalizeURL_sameArticle(t *testing.T) {
	same := []string{
		"https://www.example-news.org/world/ferry-strike",
		"http://example-news.org/world/ferry-strike/",
		"https://example-news.org/world/ferry-strike?utm_source=twitter&utm_campaign=share",
		"https://amp.example-news.org/world/ferry-strike.amp",
		"https://example-news.org/world/amp/ferry-strike#top",
		"https://example-news.org/world/ferry-strike?amp=1&fbclid=abc",
	}
	key := annotin.NormalizeURL(same[0])
	for _, u := range same[1:] {
		if got := annotin.NormalizeURL(u); got != key {
			t.Errorf("NormalizeURL(%q) = %q, want %q", u, got, key)
		}
	}
	if other := annotin.NormalizeURL("https://example-news.org/world/ferry-strike-2"); other == key {
		t.Errorf("a different article has the same key %q", key)
	}
}
