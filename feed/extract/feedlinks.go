package extract

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"nyss/feed/sanitize"
)

// feedTypes are the <link type> values that announce a feed.
var feedTypes = []string{"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}

// FeedLinks returns the absolute URLs of the feeds an HTML page announces
// with <link rel="alternate"> in its head, in page order, sanitized. The
// href is resolved against base but otherwise kept as written: Sitevision's
// feed URLs carry a ';' in the query that must reach the server.
func FeedLinks(page []byte, base string) []string {
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil
	}
	var links []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if string(name) == "body" {
			return links
		}
		if string(name) != "link" || !hasAttr {
			continue
		}
		var rel, typ, href string
		for {
			k, v, more := z.TagAttr()
			switch string(k) {
			case "rel":
				rel = strings.ToLower(string(v))
			case "type":
				typ = strings.ToLower(strings.TrimSpace(string(v)))
			case "href":
				href = strings.TrimSpace(string(v))
			}
			if !more {
				break
			}
		}
		if !slices.Contains(strings.Fields(rel), "alternate") || href == "" || !slices.Contains(feedTypes, typ) {
			continue
		}
		ref, err := url.Parse(href)
		if err != nil {
			continue
		}
		if abs := sanitize.URL(baseURL.ResolveReference(ref).String()); abs != "" {
			links = append(links, abs)
		}
	}
}
