package feed

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"nyss/feed/demosite"
)

// A first sync of a feed that lists years of news fetches only the
// articles of the items its retention keeps: the older ones go at the end
// of the same sync, and fetching them would be work thrown away.
func TestASyncFetchesNoArticleItsRetentionRemoves(t *testing.T) {
	page, err := fs.ReadFile(demosite.Files(), "nyheter/2022-06-14-uppstartskonferens-for-industriforum-i-kronoberg.html")
	if err != nil {
		t.Fatal(err)
	}
	var pages atomic.Int32
	var feedBody string
	srv := demosite.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(feedBody))
			return
		}
		pages.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	// One item a month for four years, newest first.
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nyheter</title><language>sv</language>`)
	newest := time.Date(2022, 11, 22, 9, 0, 0, 0, time.UTC)
	for i := range 48 {
		fmt.Fprintf(&b, `<item><title>Nyhet %d</title><link>%s/nyheter/a%d.html</link><guid>%d</guid><pubDate>%s</pubDate></item>`,
			i, srv.URL, i, i, newest.AddDate(0, -i, 0).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	feedBody = b.String()

	e := newEngine(t)
	e.KeepMonths = 24
	rep, err := e.Sync(context.Background(), srv.URL+"/feed.xml", func(Progress) {})
	if err != nil {
		t.Fatal(err)
	}
	// 22 November 2022 back to 22 November 2020: 25 items.
	if got := pages.Load(); got != 25 || rep.Articles.Fetched != 25 {
		t.Errorf("fetched %d pages (%d articles), want the 25 items of the last 24 months", got, rep.Articles.Fetched)
	}
	hs, err := e.Headlines(Query{Sources: []string{srv.URL + "/feed.xml"}})
	if err != nil || len(hs) != 25 {
		t.Errorf("the cache keeps %d items (%v), want 25", len(hs), err)
	}
	for _, h := range hs {
		if !h.Cached {
			t.Errorf("%q is kept without its article", h.Title)
		}
	}
}
