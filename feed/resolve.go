package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"nyss/feed/extract"
	"nyss/feed/fetch"
	"nyss/feed/parse"
	"nyss/feed/sanitize"
)

// Source kinds, as stored: a real feed, or a news listing page read as one.
const (
	KindFeed    = "feed"
	KindListing = "listing"
)

// resolved is what resolution found for a source URL: where its feed is, of
// which kind, and the response that was fetched there (so the feed is not
// fetched twice on the first sync).
type resolved struct {
	feedURL string
	kind    string
	resp    *fetch.Response
}

// resolve finds the feed behind any URL, in the design's order: the URL is a
// feed; it is an HTML page linking a feed with <link rel="alternate">; it is a
// news listing page, read as the feed itself.
func (e *Engine) resolve(ctx context.Context, sourceURL string) (*resolved, error) {
	resp, err := e.Client.Get(ctx, fetch.Request{URL: sourceURL, MaxBytes: fetch.FeedCap})
	if err != nil {
		return nil, err
	}
	if parse.IsFeed(resp.Body, resp.ContentType) {
		return &resolved{feedURL: sourceURL, kind: KindFeed, resp: resp}, nil
	}
	var lastErr error
	for _, link := range feedLinks(resp.Body, resp.URL) {
		fr, err := e.Client.Get(ctx, fetch.Request{URL: link, MaxBytes: fetch.FeedCap})
		if err != nil {
			lastErr = err
			continue
		}
		if parse.IsFeed(fr.Body, fr.ContentType) {
			return &resolved{feedURL: link, kind: KindFeed, resp: fr}, nil
		}
		lastErr = fmt.Errorf("%s is not a feed: %w", link, parse.ErrNotFeed)
	}
	if _, err := extract.Listing(resp.Body, resp.URL); err == nil {
		return &resolved{feedURL: sourceURL, kind: KindListing, resp: resp}, nil
	}
	if lastErr != nil {
		return nil, fmt.Errorf("%s links a feed that cannot be read: %w", sourceURL, lastErr)
	}
	return nil, fmt.Errorf("%s is %w, and links no feed or news listing", sourceURL, parse.ErrNotFeed)
}

// feedTypes are the <link type> values that announce a feed.
var feedTypes = []string{"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}

// feedLinks returns the absolute URLs of the feeds an HTML page announces,
// in page order. The href is resolved but otherwise kept as written:
// Sitevision's feed URLs carry a ';' in the query that must reach the server.
func feedLinks(page []byte, base string) []string {
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
		if !hasToken(rel, "alternate") || href == "" || !isFeedType(typ) {
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

func isFeedType(t string) bool {
	for _, ft := range feedTypes {
		if t == ft {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}

// isGone reports a stored feed URL that no longer answers as a feed, so that
// the source is resolved afresh instead of failing forever.
func isGone(err error) bool {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return se.Code == 404 || se.Code == 410
	}
	return errors.Is(err, parse.ErrNotFeed)
}
