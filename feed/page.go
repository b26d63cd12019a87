package feed

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"nyss/feed/extract"
	"nyss/feed/fetch"
	"nyss/feed/sanitize"
	"nyss/feed/store"
)

// PagesSource is the source that holds pages shown by their URL (`nyss show
// URL`) that belong to no source: they are kept, so that they read offline
// too, but they are not news, and no list, month or search of the news
// includes them.
const PagesSource = "nyss:pages"

// Page applies the article rule to any page, by its URL: an item of any
// source with that URL, as its cached article or fetched now; else, online,
// the page fetched, extracted and kept — under the source whose site it is
// on, or else under PagesSource. Offline, a page never fetched is not
// found.
func (e *Engine) Page(ctx context.Context, rawURL string) (Reading, error) {
	pageURL := sanitize.URL(rawURL)
	if pageURL == "" {
		return Reading{}, &NotFoundError{Ref: rawURL}
	}
	if r, err := e.cachedPage(ctx, pageURL); !errors.Is(err, store.ErrNotFound) {
		return r, err
	}
	if e.Client == nil {
		return Reading{}, &NotFoundError{Ref: rawURL}
	}
	resp, err := e.Client.Get(ctx, fetch.Request{URL: pageURL, MaxBytes: fetch.PageCap})
	if err != nil {
		return Reading{}, err
	}
	page, err := extract.PageAt(resp.Body, resp.URL, e.now())
	if err != nil {
		return Reading{}, fmt.Errorf("%s: %w", pageURL, err)
	}
	src, err := e.pageSource(pageURL)
	if err != nil {
		return e.unkept(pageURL, resp, page, err)
	}
	it := store.Item{Key: pageURL, URL: pageURL, Title: page.Title, Published: page.Published}
	if it.Title == "" {
		it.Title = pageURL
	}
	items := []store.Item{it}
	if _, err := e.Store.SyncItems(src.ID, items); err != nil {
		return e.unkept(pageURL, resp, page, err)
	}
	it = items[0]
	a := e.newArticle(it, resp, page)
	if a.Computed {
		if a.Related, err = e.nearest(it, *a); err != nil {
			return Reading{}, err
		}
	}
	if err := e.Store.SaveArticle(*a); err != nil {
		return e.unkept(pageURL, resp, page, err)
	}
	return e.CachedArticle(it.ID)
}

// cachedPage is the article rule for the item with this URL in any
// source, or store.ErrNotFound.
func (e *Engine) cachedPage(ctx context.Context, pageURL string) (Reading, error) {
	it, err := e.Store.ItemByURL(nil, pageURL)
	if err != nil {
		return Reading{}, err
	}
	r, err := e.CachedArticle(it.ID)
	if err != nil || !r.Pending {
		return r, err
	}
	return e.FetchArticle(ctx, r), nil
}

// unkept is a page shown without being kept, as a cache opened read-only
// must: it is fetched again next time. Any other failure to keep it is
// an error.
func (e *Engine) unkept(pageURL string, resp *fetch.Response, page *extract.Article, err error) (Reading, error) {
	if !errors.Is(err, store.ErrReadOnly) {
		return Reading{}, err
	}
	it := store.Item{URL: pageURL, Title: page.Title, Published: page.Published}
	if it.Title == "" {
		it.Title = pageURL
	}
	a := e.newArticle(it, resp, page)
	return Reading{Item: e.item(it, newMonthCache(e.loc())), Article: e.article(*a)}, nil
}

// pageSource is the source a page belongs to: a news source on the same
// site (the host of the URL it was given as, or of its feed), else
// PagesSource, made when first needed.
func (e *Engine) pageSource(pageURL string) (store.Source, error) {
	host := hostOf(pageURL)
	srcs, err := e.Store.Sources()
	if err != nil {
		return store.Source{}, err
	}
	for _, src := range srcs {
		if src.URL == PagesSource || src.URL == pageURL || src.FeedURL == pageURL {
			continue // a source's own address is not one of its articles
		}
		if host != "" && (hostOf(src.URL) == host || hostOf(src.FeedURL) == host) {
			return src, nil
		}
	}
	src, ok, err := e.Store.Source(PagesSource)
	if err != nil || ok {
		return src, err
	}
	src = store.Source{URL: PagesSource, Kind: KindPages, Title: "Sidor"}
	return src, e.Store.SaveSource(&src)
}

// KindPages is the kind of PagesSource: no feed, no listing; nothing syncs it.
const KindPages = "pages"

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
}
