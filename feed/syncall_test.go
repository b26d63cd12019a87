package feed

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"nyss/feed/demosite"
	"nyss/feed/store"
)

// Three sources synced at once, one of them down: the other two come
// whole, the one down says why, and nothing of it is stored.
func TestSyncAllWithOneSourceDown(t *testing.T) {
	a := demosite.StartServer(t)
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Kommunen</title><language>sv</language>
<item><title>Ny förskola i Lessebo</title><link>` + "http://" + r.Host + `/1.html</link><guid>1</guid><pubDate>Tue, 14 Jun 2022 09:05:00 +0200</pubDate></item>
</channel></rss>`))
	}))
	t.Cleanup(b.Close)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "nere", http.StatusNotFound)
	}))
	t.Cleanup(down.Close)
	e := newEngine(t)

	urls := []string{a.NewsURL(), down.URL + "/feed.xml", b.URL + "/feed.xml"}
	results := e.SyncAll(context.Background(), urls)

	if len(results) != 3 {
		t.Fatalf("%d results", len(results))
	}
	for i, r := range results {
		if r.URL != urls[i] {
			t.Errorf("result %d is for %s, want %s: results keep the order asked", i, r.URL, urls[i])
		}
	}
	if r := results[0]; r.Err != nil || r.Report.Items.New != 18 {
		t.Errorf("the demo site: %v, %+v", r.Err, r.Report)
	}
	if r := results[1]; r.Err == nil || !strings.Contains(r.Err.Error(), "404") {
		t.Errorf("the source that is down: %v", r.Err)
	}
	if r := results[2]; r.Err != nil || r.Report.Items.New != 1 {
		t.Errorf("the third: %v, %+v", r.Err, r.Report)
	}
	if _, ok, _ := e.Store.Source(down.URL + "/feed.xml"); ok {
		t.Error("the source that is down was stored")
	}
	// Never synced, it still says why, until a sync of it succeeds.
	if st, err := e.SourceState(urls[1]); err != nil || st.Cached || !strings.Contains(st.LastError, "404") {
		t.Errorf("the state of the source that is down: %+v, %v", st, err)
	}
	// What a sync that came saves first.
	if err := e.Store.SaveSource(&store.Source{URL: urls[1], FeedURL: urls[1], Kind: "feed"}); err != nil {
		t.Fatal(err)
	}
	if st, err := e.SourceState(urls[1]); err != nil || st.LastError != "" {
		t.Errorf("after a sync that came, the source still has the error %q (%v)", st.LastError, err)
	}
	// The two that came read together, IDs unique across them.
	hs, err := e.Headlines(Query{Sources: []string{urls[0], urls[2]}})
	if err != nil || len(hs) != 19 {
		t.Fatalf("read together: %d headlines, %v", len(hs), err)
	}
	seen := map[int64]bool{}
	for _, h := range hs {
		if seen[h.ID] {
			t.Errorf("ID %d twice", h.ID)
		}
		seen[h.ID] = true
		if h.Source != urls[0] && h.Source != urls[2] {
			t.Errorf("headline %q has source %q", h.Title, h.Source)
		}
	}
}
