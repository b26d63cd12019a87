package feed

// Robustness of the engine (issue 4): related links are never fetched,
// wherever they point, and a cache that cannot be written stops a sync
// before it asks the network for anything.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"nyss/feed/demosite"
	"nyss/feed/fetch"
	"nyss/feed/store"
)

// recordingEngine is newEngine with every request noted.
func recordingEngine(t *testing.T) (*Engine, *demosite.Recorder) {
	t.Helper()
	e := newEngine(t)
	rec := &demosite.Recorder{}
	e.Client = fetch.New(fetch.Options{Transport: rec, Backoff: time.Millisecond, RequestTimeout: 5 * time.Second})
	return e, rec
}

// trap is a server that must never be asked anything.
func trap(t *testing.T, network, addr string) (string, func() int) {
	t.Helper()
	l, err := net.Listen(network, addr)
	if err != nil {
		return "", nil
	}
	var mu sync.Mutex
	hits := 0
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		mu.Unlock()
		t.Errorf("a related link was fetched: %s %s", r.Host, r.URL)
	}))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL, func() int { mu.Lock(); defer mu.Unlock(); return hits }
}

// Related links are read from the page and resolved against the cache;
// they are never fetched, whether they point off-site, to loopback, to a
// cloud metadata address, to a file, or to a page of the site itself that
// the feed does not list.
func TestRelatedLinksAreNeverFetched(t *testing.T) {
	s := demosite.StartServer(t)
	loopback, loopbackHits := trap(t, "tcp4", "127.0.0.1:0")
	loopback6, loopback6Hits := trap(t, "tcp6", "[::1]:0")
	hostile := []string{
		"https://evil.example/nyheter/2022-06-10-lockbete.html",
		loopback + "/nyheter/2022-06-10-hemlig.html",
		strings.Replace(loopback, "127.0.0.1", "localhost", 1) + "/admin",
		"http://169.254.169.254/latest/meta-data/iam/security-credentials/",
		"file:///etc/passwd",
		s.URL + "/nyheter/2021-01-01-en-gammal-nyhet-som-flodet-inte-har.html",
	}
	if loopback6 != "" {
		hostile = append(hostile, loopback6+"/nyheter/hemlig.html")
	} else {
		t.Log("no IPv6 loopback here: [::1] is not tried")
	}
	var list, body strings.Builder
	for i, link := range hostile {
		fmt.Fprintf(&list, `<li class="rk-news-item"><a class="rk-news-link" href="%s"><h3 class="rk-news-title">Lockbete %d</h3></a>`+
			`<p class="rk-news-date"><time datetime="2022-06-10">10 juni 2022</time></p><p class="rk-news-teaser">Klicka.</p></li>`+"\n", link, i)
		fmt.Fprintf(&body, `<a href="%s">länk %d</a> `, link, i)
	}
	const slug = "2022-06-14-uppstartskonferens-for-industriforum-i-kronoberg.html"
	page, err := fs.ReadFile(demosite.Files(), "nyheter/"+slug)
	if err != nil {
		t.Fatal(err)
	}
	hostilePage := strings.ReplaceAll(string(page), "{{BASE}}", s.URL)
	hostilePage = strings.Replace(hostilePage, `<ul class="rk-news-list">`, `<ul class="rk-news-list">`+"\n"+list.String(), 1)
	hostilePage = strings.Replace(hostilePage, "</h1>", "</h1>\n<p>Se även "+body.String()+"</p>", 1)
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasSuffix(r.URL.Path, slug) {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(hostilePage))
		return true
	})
	e, rec := recordingEngine(t)

	rep := sync1(t, e, s.NewsURL())
	it := itemBySlug(t, e, rep.Source, "uppstartskonferens")
	// What show and the reader do when the article is fetched again.
	r := e.FetchArticle(context.Background(), Reading{Item: Item{Headline: Headline{ID: it.ID}}})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	a := r.Article

	// Every request went to the site, for the news page, the feed and
	// the pages the feed lists: nothing else.
	listed := map[string]bool{s.NewsURL(): true, s.URL + demosite.FeedPath: true}
	for _, it := range items(t, e, rep.Source) {
		listed[it.URL] = true
	}
	for _, u := range rec.URLs() {
		if !listed[u] {
			t.Errorf("requested %s, which the feed does not list", u)
		}
	}
	if loopbackHits() != 0 || loopback6Hits != nil && loopback6Hits() != 0 {
		t.Error("a trap server was asked")
	}
	// The related list keeps what it can show, unresolved: no item of the
	// cache has those addresses.
	for _, r := range a.Related {
		if strings.Contains(r.Title, "Lockbete") && r.ItemID != 0 {
			t.Errorf("related %q (%s) resolved to item %d", r.Title, r.URL, r.ItemID)
		}
		if u, err := url.Parse(r.URL); err != nil || u.Scheme != "http" && u.Scheme != "https" {
			t.Errorf("related link %q kept", r.URL)
		}
	}
	t.Logf("%d related entries stored, %d requests made", len(a.Related), len(rec.URLs()))
}

// readOnlyEngine is an engine on a synced cache opened read-only, as the
// program opens a cache it cannot write. The delfin article is missing.
func readOnlyEngine(t *testing.T) (*Engine, *demosite.Recorder, *demosite.Server) {
	t.Helper()
	s := demosite.StartServer(t)
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "delfin") {
			http.Error(w, "Sidan kunde inte hittas", http.StatusNotFound)
			return true
		}
		return false
	})
	path := filepath.Join(t.TempDir(), "cache.db")
	rw, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e := &Engine{Store: rw, Client: fetch.New(fetch.Options{Backoff: time.Millisecond})}
	sync1(t, e, s.NewsURL())
	rw.Close()
	s.SetFault(nil)

	ro, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	e, rec := recordingEngine(t)
	e.Store = ro
	return e, rec, s
}

func TestSyncOfAReadOnlyCacheAsksNothing(t *testing.T) {
	e, rec, s := readOnlyEngine(t)

	_, err := e.Sync(context.Background(), s.NewsURL(), nil)

	if !errors.Is(err, store.ErrNotWritable) || !strings.Contains(err.Error(), e.Store.Path()) {
		t.Errorf("err = %v, want ErrNotWritable naming the file", err)
	}
	if reqs := rec.URLs(); len(reqs) != 0 {
		t.Errorf("requests made for a sync that cannot store them: %q", reqs)
	}
}

func TestFetchArticleOfAReadOnlyCacheShowsIt(t *testing.T) {
	e, _, s := readOnlyEngine(t)
	src, _, err := e.Store.Source(s.NewsURL())
	if err != nil {
		t.Fatal(err)
	}
	it := itemBySlug(t, e, src, "delfin")

	r, err := e.Article(context.Background(), Query{}, strconv.FormatInt(it.ID, 10))

	if err != nil || r.Article == nil || !strings.Contains(r.Article.Markdown, "plastslöjd") {
		t.Errorf("Article: %v, %+v", err, r)
	}
	if _, cached, _ := e.Store.Article(it.ID); cached {
		t.Error("a read-only cache stored the article")
	}
}
