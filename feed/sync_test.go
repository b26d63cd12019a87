package feed

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"nyss/feed/parse"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nyss/feed/demosite"
	"nyss/feed/fetch"
	"nyss/feed/store"
)

// newEngine is an engine on a fresh cache with fast retries; the request
// timeout leaves room for the hostile tests' 20 MB bodies under -race.
func newEngine(t *testing.T) *Engine {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Engine{
		Store:  st,
		Client: fetch.New(fetch.Options{Backoff: time.Millisecond, RequestTimeout: 10 * time.Second}),
	}
}

func sync1(t *testing.T, e *Engine, url string) *Report {
	t.Helper()
	rep, err := e.Sync(context.Background(), url, nil)
	if err != nil {
		t.Fatalf("sync %s: %v", url, err)
	}
	return rep
}

func items(t *testing.T, e *Engine, src store.Source) []store.Item {
	t.Helper()
	its, err := e.Store.Items(store.Filter{Sources: []int64{src.ID}})
	if err != nil {
		t.Fatal(err)
	}
	return its
}

func itemBySlug(t *testing.T, e *Engine, src store.Source, slug string) store.Item {
	t.Helper()
	for _, it := range items(t, e, src) {
		if strings.Contains(it.URL, slug) {
			return it
		}
	}
	t.Fatalf("no item %s", slug)
	return store.Item{}
}

func TestSyncFromTheNewsPage(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	var last Progress
	rep, err := e.Sync(context.Background(), s.NewsURL(), func(p Progress) { last = p })
	if err != nil {
		t.Fatal(err)
	}

	src := rep.Source
	if src.Kind != KindFeed || src.FeedURL != s.URL+demosite.FeedPath {
		t.Errorf("resolved to %s %q, want the feed link with its ';' intact", src.Kind, src.FeedURL)
	}
	if src.Title != "Nyheter från Region Kronoberg" {
		t.Errorf("title %q", src.Title)
	}
	// 19 entries, one a duplicate guid.
	if rep.Items.New != 18 || rep.Articles.Fetched != 18 || len(rep.Articles.Failures) != 0 {
		t.Errorf("report %+v", rep)
	}
	if last != (Progress{StageArticles, 18, 18}) {
		t.Errorf("last progress %+v", last)
	}

	it := itemBySlug(t, e, src, "uppstartskonferens")
	a, ok, err := e.Store.Article(it.ID)
	if err != nil || !ok {
		t.Fatalf("article: %v %v", ok, err)
	}
	for _, want := range []string{"## Nationellt uppdrag", "Åsa Stengård", "https://www.businessregionkronoberg.se/"} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("article lacks %q", want)
		}
	}
	for _, junk := range []string{"kakor", "Huvudmeny", "Dela", "Box 1200"} {
		if strings.Contains(a.Markdown, junk) {
			t.Errorf("article kept %q", junk)
		}
	}
	if len(a.Related) != 10 || a.Computed {
		t.Fatalf("related from the page: %d computed=%v", len(a.Related), a.Computed)
	}
	if r := a.Related[0]; !strings.HasPrefix(r.Title, "Regionerna och Linnéuniversitetet") || r.ItemID == 0 || r.Published.IsZero() {
		t.Errorf("first related %+v, want resolved against the cache", r)
	}
}

func TestPageWithoutRelatedBlockGetsComputedRelated(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	rep := sync1(t, e, s.NewsURL())
	it := itemBySlug(t, e, rep.Source, "sa-rostar-du-i-valet")
	a, _, err := e.Store.Article(it.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Computed || len(a.Related) != relatedCount {
		t.Fatalf("computed=%v related=%d, want %d computed", a.Computed, len(a.Related), relatedCount)
	}
	for _, r := range a.Related {
		if r.ItemID == it.ID || r.ItemID == 0 {
			t.Errorf("related %+v: must be another cached item", r)
		}
	}
}

func TestSyncTwiceAddsNothingAndAsksConditionally(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	first := sync1(t, e, s.NewsURL())
	before := items(t, e, first.Source)
	s.Requests()

	second := sync1(t, e, s.NewsURL())

	if !second.NotModified || second.Items != (store.Counts{}) || second.Articles.Fetched != 0 {
		t.Errorf("second sync %+v, want a 304 and nothing new", second)
	}
	reqs := s.Requests()
	if len(reqs) != 1 || reqs[0].Status != http.StatusNotModified || reqs[0].IfNoneMatch == "" {
		t.Errorf("second sync asked %+v, want one conditional feed request answered 304", reqs)
	}
	if after := items(t, e, second.Source); len(after) != len(before) {
		t.Errorf("%d items after, %d before", len(after), len(before))
	}
}

func TestChangedItemUpdatesInPlaceAndRechecksItsPage(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	rep := sync1(t, e, s.NewsURL())
	old := itemBySlug(t, e, rep.Source, "delfin-fran-alvesta")

	// The feed changes one title; the page itself is unchanged.
	rss, err := fs.ReadFile(demosite.Files(), "rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(rss), "Delfin från Alvesta ställs ut", "Delfin från Alvesta visas", 1)
	changed = strings.ReplaceAll(changed, "{{BASE}}", s.URL)
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, ".portlet") {
			return false
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", `"changed"`)
		w.Write([]byte(changed))
		return true
	})
	s.Requests()

	rep = sync1(t, e, s.NewsURL())

	if rep.Items.Updated != 1 || rep.Items.New != 0 || rep.Articles.Unchanged != 1 {
		t.Errorf("report %+v, want one item updated and its page unchanged", rep)
	}
	now := itemBySlug(t, e, rep.Source, "delfin-fran-alvesta")
	if now.ID != old.ID || !strings.Contains(now.Title, "visas") {
		t.Errorf("item %d %q, want %d updated in place", now.ID, now.Title, old.ID)
	}
	var page *demosite.Request
	for _, r := range s.Requests() {
		if strings.Contains(r.URI, "delfin") {
			page = &r
		}
	}
	if page == nil || page.IfNoneMatch == "" || page.Status != http.StatusNotModified {
		t.Errorf("page request %+v, want a conditional GET answered 304", page)
	}
}

func TestSourcesOfEveryKind(t *testing.T) {
	s := demosite.StartServer(t)
	tests := []struct {
		path, kind string
		items      int
		title      string // one title that must be there, å/ä/ö intact
	}{
		{"/rss.xml", KindFeed, 18, "Åtta nya ambulanser rullar ut i länet"},
		{"/atom.xml", KindFeed, 5, "Uppstartskonferens för Industriforum i Kronoberg"},
		{"/feed.json", KindFeed, 5, ""},
		{"/latin1.xml", KindFeed, 3, ""},
		{"/cp1252.xml", KindFeed, 3, ""},
		{"/nyheter/arkiv.html", KindListing, 18, "Så röstar du i valet till regionfullmäktige"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			e := newEngine(t)
			rep := sync1(t, e, s.URL+tt.path)
			if rep.Source.Kind != tt.kind {
				t.Errorf("kind %q, want %q", rep.Source.Kind, tt.kind)
			}
			its := items(t, e, rep.Source)
			if len(its) != tt.items {
				t.Errorf("%d items, want %d", len(its), tt.items)
			}
			found := tt.title == ""
			for _, it := range its {
				if !strings.HasPrefix(it.URL, s.NewsURL()) {
					t.Errorf("item link %q not resolved against the site", it.URL)
				}
				if !strings.ContainsAny(it.Title+it.Summary, "åäöÅÄÖ") && tt.path != "/feed.json" {
					t.Logf("no å/ä/ö in %q", it.Title)
				}
				found = found || it.Title == tt.title
			}
			if !found {
				t.Errorf("no item titled %q", tt.title)
			}
			if len(rep.Articles.Failures) != 0 {
				t.Errorf("failures %+v", rep.Articles.Failures)
			}
		})
	}
}

func TestListingDatesAndTeasers(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	rep := sync1(t, e, s.URL+"/nyheter/arkiv.html")
	it := itemBySlug(t, e, rep.Source, "uppstartskonferens")
	if got := it.Published.In(parse.Stockholm).Format("2006-01-02"); got != "2022-06-14" || it.Summary == "" {
		t.Errorf("listing item dated %s, summary %q", got, it.Summary)
	}
}

func TestNotAFeed(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	_, err := e.Sync(context.Background(), s.URL+"/", nil)
	if err == nil || !strings.Contains(err.Error(), "not a feed") {
		t.Errorf("err = %v, want a not-a-feed error", err)
	}
}

func TestMalformedFeedLeavesTheCacheAlone(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	rep := sync1(t, e, s.URL+"/rss.xml")
	before := items(t, e, rep.Source)
	stored, _, _ := e.Store.Source(s.URL + "/rss.xml")

	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Trasig</title><item><title>Halv`))
		return true
	})
	_, err := e.Sync(context.Background(), s.URL+"/rss.xml", nil)
	if err == nil {
		t.Fatal("a truncated feed synced without error")
	}
	src, _, _ := e.Store.Source(s.URL + "/rss.xml")
	if !strings.Contains(src.LastError, "malformed RSS feed") {
		t.Errorf("the source does not note why the sync failed: %q", src.LastError)
	}
	src.LastError = "" // the one change a failed sync makes
	if src != stored {
		t.Errorf("source changed by a failed sync: %+v", src)
	}
	if after := items(t, e, src); len(after) != len(before) || after[0].Title != before[0].Title {
		t.Errorf("items changed by a failed sync")
	}
}

func TestFailedArticlesAreRetriedNextSync(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "2022-10-") {
			http.Error(w, "Sidan kunde inte hittas", http.StatusNotFound)
			return true
		}
		return false
	})
	rep := sync1(t, e, s.NewsURL())
	if len(rep.Articles.Failures) != 5 || rep.Articles.Fetched != 13 {
		t.Fatalf("first sync %+v, want 5 failures and 13 fetched", rep.Articles)
	}
	if !strings.Contains(rep.Articles.Failures[0].Reason, "404") {
		t.Errorf("reason %q should say 404", rep.Articles.Failures[0].Reason)
	}
	for _, it := range items(t, e, rep.Source) {
		if strings.Contains(it.URL, "2022-10-") && it.Cached {
			t.Errorf("a 404 page was stored as %q", it.Title)
		}
	}

	s.SetFault(nil)
	rep = sync1(t, e, s.NewsURL())
	if rep.Articles.Fetched != 5 || len(rep.Articles.Failures) != 0 {
		t.Errorf("second sync %+v, want the 5 fetched", rep.Articles)
	}
}

func TestOfflineEngineRefusesTheNetwork(t *testing.T) {
	e := newEngine(t)
	e.Client = nil
	if _, err := e.Sync(context.Background(), DefaultSource, nil); !errors.Is(err, ErrOffline) {
		t.Errorf("Sync offline: %v", err)
	}
	if r := e.FetchArticle(context.Background(), Reading{}); !errors.Is(r.Err, ErrOffline) || r.Note != NoteFailed {
		t.Errorf("FetchArticle offline: %+v", r)
	}
}

func TestFetchArticleOnDemand(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "delfin") {
			http.Error(w, "fel", http.StatusNotFound)
			return true
		}
		return false
	})
	rep := sync1(t, e, s.NewsURL())
	it := itemBySlug(t, e, rep.Source, "delfin")
	s.SetFault(nil)
	r, err := e.Article(context.Background(), Query{}, it.URL)
	if err != nil || r.Article == nil || !strings.Contains(r.Article.Markdown, "plastslöjd") {
		t.Fatalf("Article: %v, %+v", err, r)
	}
	if _, cached, _ := e.Store.Article(it.ID); !cached {
		t.Error("the article fetched on demand was not stored")
	}
}

// TestOlderArticleFormatIsExtractedAgain: an article that an older nyss
// stored, with the screen-reader text it did not drop, is fetched again
// without validators (a 304 would keep it) and extracted anew.
func TestOlderArticleFormatIsExtractedAgain(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	rep := sync1(t, e, s.NewsURL())
	it := itemBySlug(t, e, rep.Source, "delfin-fran-alvesta")
	a, _, err := e.Store.Article(it.ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Format = store.ArticleFormat - 1
	a.Markdown += "\n\n[Läs mer om utställningen, öppnas i nytt fönster](https://www.tekniskamuseet.se/) [9]"
	if err := e.Store.SaveArticle(a); err != nil {
		t.Fatal(err)
	}
	s.Requests()

	rep = sync1(t, e, s.NewsURL())

	if rep.Articles.Fetched != 1 {
		t.Errorf("report %+v, want the one old article fetched", rep)
	}
	var page *demosite.Request
	for _, r := range s.Requests() {
		if strings.Contains(r.URI, "delfin") {
			page = &r
		}
	}
	if page == nil || page.IfNoneMatch != "" || page.Status != http.StatusOK {
		t.Errorf("page request %+v, want an unconditional GET", page)
	}
	a, _, err = e.Store.Article(it.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != store.ArticleFormat || strings.Contains(a.Markdown, "nytt fönster") {
		t.Errorf("article format %d, Markdown:\n%s", a.Format, a.Markdown)
	}
}
