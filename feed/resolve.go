package feed

import (
	"context"
	"errors"
	"fmt"

	"nyss/feed/extract"
	"nyss/feed/fetch"
	"nyss/feed/parse"
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
	resp, err := e.Client.Get(ctx, fetch.Request{URL: sourceURL, MaxBytes: fetch.FeedCap, Feed: true})
	if err != nil {
		return nil, err
	}
	if parse.IsFeed(resp.Body, resp.ContentType) {
		return &resolved{feedURL: sourceURL, kind: KindFeed, resp: resp}, nil
	}
	var lastErr error
	for _, link := range extract.FeedLinks(resp.Body, resp.URL) {
		fr, err := e.Client.Get(ctx, fetch.Request{URL: link, MaxBytes: fetch.FeedCap, Feed: true})
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

// isGone reports a stored feed URL that no longer answers as a feed, so that
// the source is resolved afresh instead of failing forever.
func isGone(err error) bool {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return se.Code == 404 || se.Code == 410
	}
	return errors.Is(err, parse.ErrNotFeed)
}
