package extract

import (
	"slices"
	"testing"
)

func TestFeedLinks(t *testing.T) {
	const base = "https://www.regionkronoberg.se/nyheter/"
	tests := []struct {
		name, page string
		want       []string
	}{
		{
			"every feed type, in page order",
			`<html><head>
			<link rel="alternate" type="application/atom+xml" href="/atom.xml">
			<link rel="alternate" type="application/rss+xml" href="rss.xml">
			<link rel="alternate" type="application/feed+json" href="https://other.example/feed.json">
			<link rel="alternate" type="application/json" href="/feed.json">
			</head><body></body></html>`,
			[]string{"https://www.regionkronoberg.se/atom.xml", "https://www.regionkronoberg.se/nyheter/rss.xml", "https://other.example/feed.json", "https://www.regionkronoberg.se/feed.json"},
		},
		{
			"Sitevision's query keeps its semicolon",
			`<link rel="alternate" type="application/rss+xml" href="/4.6f/12.6f.portlet?state=rss&amp;sv.contenttype=text/xml;charset=UTF-8">`,
			[]string{"https://www.regionkronoberg.se/4.6f/12.6f.portlet?state=rss&sv.contenttype=text/xml;charset=UTF-8"},
		},
		{
			"rel is a list of tokens, case and spaces do not matter",
			`<link rel="ALTERNATE home" type=" Application/RSS+XML " href=" /a.xml "><link rel="alternates" type="application/rss+xml" href="/b.xml">`,
			[]string{"https://www.regionkronoberg.se/a.xml"},
		},
		{
			"not feeds",
			`<link rel="alternate" type="text/html" href="/en/"><link rel="stylesheet" type="application/rss+xml" href="/c.xml">` +
				`<link rel="alternate" type="application/rss+xml"><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">`,
			nil,
		},
		{
			"links in the body are not the page's",
			`<head></head><body><link rel="alternate" type="application/rss+xml" href="/d.xml"></body>`,
			nil,
		},
		{
			"the URL is sanitized",
			`<link rel="alternate" type="application/rss+xml" href="/e.xml?q=a b[1]">`,
			[]string{"https://www.regionkronoberg.se/e.xml?q=a%20b%5B1%5D"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FeedLinks([]byte(tt.page), base); !slices.Equal(got, tt.want) {
				t.Errorf("FeedLinks = %q, want %q", got, tt.want)
			}
		})
	}
	if got := FeedLinks([]byte(`<link rel="alternate" type="application/rss+xml" href="/x.xml">`), "http://%zz"); got != nil {
		t.Errorf("FeedLinks with a bad base = %q", got)
	}
}
