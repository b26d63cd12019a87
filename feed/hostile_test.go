package feed

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"nyss/feed/demosite"
	"nyss/feed/store"
)

// The hardening issue's hostile HTML and hostile XML cases, through a whole
// sync: what a failed sync leaves in the cache, what a failed article says,
// and what a huge one costs.

// hostileSite serves a feed of n articles at /feed.xml and the articles at
// /a/N.html. A test replaces any path's handler with route; the server's
// log counts every request by path.
type hostileSite struct {
	*demosite.Server
	n int

	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   map[string]int
}

func newHostileSite(t *testing.T, n int) *hostileSite {
	t.Helper()
	s := &hostileSite{n: n, routes: map[string]http.HandlerFunc{}, hits: map[string]int{}}
	s.Server = demosite.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			io.WriteString(w, s.feed())
		case strings.HasPrefix(r.URL.Path, "/a/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, articlePage(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/a/"), ".html"), ""))
		default:
			http.NotFound(w, r)
		}
	}))
	// A route is a fault that answers its path.
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		s.mu.Lock()
		h := s.routes[r.URL.Path]
		s.mu.Unlock()
		if h == nil {
			return false
		}
		h(w, r)
		return true
	})
	return s
}

func (s *hostileSite) route(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// hitsOf is how many requests for path the site has answered.
func (s *hostileSite) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.Requests() {
		p, _, _ := strings.Cut(r.URI, "?")
		s.hits[p]++
	}
	return s.hits[path]
}

// feed is an RSS feed of the site's articles.
func (s *hostileSite) feed() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nyheter från Växjö</title>`)
	for i := range s.n {
		fmt.Fprintf(&b, `<item><guid>%[1]s/a/%[2]d.html</guid><title>Nyhet %[2]d från Växjö</title><link>%[1]s/a/%[2]d.html</link>`+
			`<description>Ingress %[2]d.</description><pubDate>Tue, %02[3]d Jun 2022 09:05:00 +0200</pubDate></item>`, s.URL, i, i%28+1)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// articlePage is a plain article page; extra goes into its body.
func articlePage(name, extra string) string {
	return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Artikel ` + name + `</title></head>
<body><main><article><h1>Artikel ` + name + `</h1>
<p>Brödtext om vården i Kronoberg, lång nog för att vara en artikel och inte en meny eller en sidfot.</p>
` + extra + `
<p>Mer brödtext om kollektivtrafiken i Växjö, Ljungby och Alvesta, med ”citat” och å, ä, ö.</p>
</article></main></body></html>`
}

// snapshot is everything the cache holds for a source, to compare before
// and after a sync that must change nothing.
type snapshot struct {
	source   store.Source
	items    []store.Item
	articles []store.Article
}

func takeSnapshot(t *testing.T, e *Engine, sourceURL string) snapshot {
	t.Helper()
	src, ok, err := e.Store.Source(sourceURL)
	if err != nil || !ok {
		t.Fatalf("source %s: %v, %v", sourceURL, ok, err)
	}
	its, err := e.Store.Items(store.Filter{Sources: []int64{src.ID}})
	if err != nil {
		t.Fatal(err)
	}
	// A failed sync notes why (for `nyss sources`); that is all it may
	// change, so the note is left out of what is compared.
	src.LastError = ""
	snap := snapshot{source: src, items: its}
	for _, it := range its {
		if a, ok, err := e.Store.Article(it.ID); err != nil {
			t.Fatal(err)
		} else if ok {
			snap.articles = append(snap.articles, a)
		}
	}
	return snap
}

func (a snapshot) diff(b snapshot) string {
	if a.source != b.source {
		return fmt.Sprintf("source %+v became %+v", a.source, b.source)
	}
	if len(a.items) != len(b.items) || len(a.articles) != len(b.articles) {
		return fmt.Sprintf("%d items and %d articles became %d and %d", len(a.items), len(a.articles), len(b.items), len(b.articles))
	}
	for i := range a.items {
		x, y := a.items[i], b.items[i]
		if x.ID != y.ID || x.Title != y.Title || x.Summary != y.Summary || x.URL != y.URL || !x.Published.Equal(y.Published) || x.Cached != y.Cached {
			return fmt.Sprintf("item %+v became %+v", x, y)
		}
	}
	for i := range a.articles {
		if a.articles[i].Markdown != b.articles[i].Markdown || a.articles[i].Title != b.articles[i].Title {
			return fmt.Sprintf("article %d changed", a.articles[i].ItemID)
		}
	}
	return ""
}

func TestHostileHTMLIsDefused(t *testing.T) {
	s := newHostileSite(t, 2)
	hostile := `<script>document.write("SKRIPT")</script><style>p{content:"STIL"}</style>
<iframe src="/a/1.html">RAM</iframe><object data="x.swf"><p>OBJEKT</p></object>
<p><a href="javascript:alert(1)">js-länk</a>, <a href=" JaVaScRiPt:alert(2)">JS-länk</a>,
<a href="jav&#x09;ascript:alert(3)">tab-länk</a>, <a href="&#106;avascript:alert(4)">ref-länk</a>,
<a href="vbscript:msgbox(5)">vb-länk</a>, <a href="data:text/html;base64,PHNjcmlwdD4=">data-länk</a>,
<a href="/sida.html">bra länk</a>.</p>
<img src="data:image/png;base64,AAAA" alt="inbäddad bild"><img src="javascript:alert(6)" alt="js-bild">`
	s.route("/a/0.html", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, articlePage("0", hostile))
	})
	s.route("/a/1.html", func(w http.ResponseWriter, r *http.Request) {
		// The same on the home site's Sitevision markup.
		io.WriteString(w, `<html class="sv-template"><body><main><h1>Artikel 1</h1>
<div class="sv-text-portlet"><div class="sv-text-portlet-content"><p>Brödtext.</p>`+hostile+`</div></div></main></body></html>`)
	})
	e := newEngine(t)
	rep, err := e.Sync(context.Background(), s.URL+"/feed.xml", nil)
	if err != nil || rep.Articles.Fetched != 2 {
		t.Fatalf("sync: %v, %+v", err, rep)
	}
	for _, it := range items(t, e, rep.Source) {
		a, _, err := e.Store.Article(it.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range []string{"SKRIPT", "STIL", "RAM", "OBJEKT", "javascript", "JaVaScRiPt", "vbscript", "data:", "alert"} {
			if strings.Contains(a.Markdown, code) {
				t.Errorf("%s: %q survives in\n%s", it.URL, code, a.Markdown)
			}
		}
		for _, text := range []string{"js-länk", "JS-länk", "tab-länk", "ref-länk", "vb-länk", "data-länk", "inbäddad bild", "js-bild"} {
			if !strings.Contains(a.Markdown, text) {
				t.Errorf("%s: the text %q is lost:\n%s", it.URL, text, a.Markdown)
			}
		}
		if len(a.Links) != 1 || a.Links[0] != s.URL+"/sida.html" {
			t.Errorf("%s: links %q, want only the web address", it.URL, a.Links)
		}
	}
}

// TestTooMuchMarkupFailsOneArticle: pages nested 10,000 deep or made of a
// million elements fail alone, fast, with a reason; the rest are stored.
func TestTooMuchMarkupFailsOneArticle(t *testing.T) {
	s := newHostileSite(t, 4)
	s.route("/a/1.html", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, articlePage("1", strings.Repeat("<div>", 10_000)+"djupt"+strings.Repeat("</div>", 10_000)))
	})
	s.route("/a/2.html", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, articlePage("2", strings.Repeat("<p>x", 1_000_000)))
	})
	e := newEngine(t)
	rep, err := e.Sync(context.Background(), s.URL+"/feed.xml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles.Fetched != 2 || len(rep.Articles.Failures) != 2 {
		t.Fatalf("articles %+v, want 2 fetched and 2 failed", rep.Articles)
	}
	for _, f := range rep.Articles.Failures {
		if !strings.Contains(f.Reason, "nested too deeply") && !strings.Contains(f.Reason, "too many html elements") || strings.Contains(f.Reason, "\n") {
			t.Errorf("failure %+v does not say why in one line", f)
		}
	}
}

// TestHugeArticlePage: a 20 MB article page, whether it says its length,
// does not, or comes gzipped to 20 KB, fails with a message naming the 5 MB
// cap; the other articles are stored; and the sync's heap stays far under
// 200 MB all along.
func TestHugeArticlePage(t *testing.T) {
	const huge = 20 << 20
	// write streams a page of huge bytes without holding it in memory, so
	// that the measure is of the client, not the server.
	write := func(w io.Writer) {
		io.WriteString(w, "<html><body><main><h1>Enorm</h1><p>")
		chunk := strings.Repeat("Växjö ", 10_000)
		for n := 0; n < huge; n += len(chunk) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return // the client has hung up, as it should
			}
		}
	}
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"declared length", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(huge+100))
			write(w)
		}},
		{"no length", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			write(w)
		}},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				t.Error("the client does not ask for gzip")
			}
			w.Header().Set("Content-Encoding", "gzip")
			gz := gzip.NewWriter(w)
			write(gz)
			gz.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newHostileSite(t, 6)
			s.route("/a/3.html", tt.handler)
			e := newEngine(t)

			var rep *Report
			var err error
			peak := peakHeap(func() { rep, err = e.Sync(context.Background(), s.URL+"/feed.xml", nil) })
			if err != nil {
				t.Fatal(err)
			}
			if rep.Articles.Fetched != 5 || len(rep.Articles.Failures) != 1 {
				t.Fatalf("articles %+v, want 5 fetched and 1 failed", rep.Articles)
			}
			f := rep.Articles.Failures[0]
			if !strings.HasSuffix(f.URL, "/a/3.html") || !strings.Contains(f.Reason, "larger than the 5 MB limit") {
				t.Errorf("failure %+v should name the article and the 5 MB cap", f)
			}
			if peak > 200<<20 {
				t.Errorf("the heap reached %d MB", peak>>20)
			}
			t.Logf("peak heap in use: %d MB", peak>>20)
		})
	}
}

// peakHeap runs f and returns the most heap in use while it ran, sampled
// every few milliseconds (a lower bound of the true peak, and far more
// precise than the 200 MB it is held to).
func peakHeap(f func()) uint64 {
	runtime.GC()
	done := make(chan struct{})
	var peak uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak
}

// TestHostileFeedLeavesTheCacheAlone: a feed that fails, or parses into
// something harmless, after a good sync. Errors are one clear line and
// change nothing in the cache; no entity is expanded and no external one
// fetched.
func TestHostileFeedLeavesTheCacheAlone(t *testing.T) {
	var laughs strings.Builder
	laughs.WriteString(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&laughs, `<!ENTITY l%d "%s">`, i, strings.Repeat(fmt.Sprintf("&l%d;", i-1), 10))
	}
	laughs.WriteString(`]><rss version="2.0"><channel><title>&l9;</title><item><guid>x</guid><title>&l9;</title></item></channel></rss>`)

	xxe := func(dtd string) func(base string) string {
		return func(base string) string {
			return `<?xml version="1.0"?>` + strings.ReplaceAll(dtd, "BASE", base) +
				`<rss version="2.0"><channel><title>&xxe;</title><item><guid>entitet-1</guid><title>a &xxe; b</title><description>&xxe;</description></item></channel></rss>`
		}
	}
	tests := []struct {
		name        string
		contentType string
		body        func(base string) string
		wantErr     string // "" when the feed may parse, harmlessly
	}{
		{"truncated", "application/rss+xml", func(string) string {
			return `<?xml version="1.0"?><rss version="2.0"><channel><title>Nyheter</title><item><title>Halv`
		}, "malformed RSS feed"},
		{"HTML error page served as 200", "text/html; charset=utf-8", func(string) string {
			return `<!DOCTYPE html><html><head><title>Fel</title></head><body><h1>Tekniskt fel</h1><p>Försök igen senare.</p></body></html>`
		}, "is not a feed"},
		{"empty body", "application/rss+xml", func(string) string { return "" }, "is not a feed"},
		{"billion laughs", "application/rss+xml", func(string) string { return laughs.String() }, ""},
		{"XXE file", "application/rss+xml", xxe(`<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`), ""},
		{"XXE http", "application/rss+xml", xxe(`<!DOCTYPE rss [<!ENTITY xxe SYSTEM "BASE/entity">]>`), ""},
		{"XXE parameter entity", "application/rss+xml", xxe(`<!DOCTYPE rss [<!ENTITY % p SYSTEM "BASE/entity"> %p;]>`), ""},
		{"external DTD", "application/rss+xml", xxe(`<!DOCTYPE rss SYSTEM "BASE/entity">`), ""},
		{"20 MB feed", "application/rss+xml", func(string) string {
			return `<?xml version="1.0"?><rss version="2.0"><channel><title>` + strings.Repeat("x", 20<<20)
		}, "larger than the 10 MB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newHostileSite(t, 3)
			e := newEngine(t)
			feedURL := s.URL + "/feed.xml"
			sync1(t, e, feedURL)
			before := takeSnapshot(t, e, feedURL)

			s.route("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				io.WriteString(w, tt.body(s.URL))
			})
			_, err := e.Sync(context.Background(), feedURL, nil)
			after := takeSnapshot(t, e, feedURL)
			switch {
			case tt.wantErr != "" && err == nil:
				t.Fatalf("synced without error, want one saying %q", tt.wantErr)
			case tt.wantErr != "" && (!strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n")):
				t.Errorf("error %q; want one line saying %q", err, tt.wantErr)
			case err != nil && tt.wantErr == "":
				t.Logf("refused: %v", err)
			}
			if err != nil {
				if d := before.diff(after); d != "" {
					t.Errorf("a failed sync changed the cache: %s", d)
				}
				return
			}
			// Parsed: whatever it added must be harmless, and nothing
			// from before lost.
			if len(after.items) < len(before.items) {
				t.Errorf("items lost: %d, then %d", len(before.items), len(after.items))
			}
			for _, it := range after.items {
				for _, text := range []string{after.source.Title, it.Title, it.Summary} {
					if len(text) > 1000 || strings.Contains(text, "lollol") || strings.Contains(text, "root:") {
						t.Errorf("an entity was expanded: %.80q", text)
					}
				}
			}
			if n := s.hitsOf("/entity"); n != 0 {
				t.Errorf("the parser fetched an external entity %d times", n)
			}
		})
	}
}

// TestFeedMovedToAnErrorPage: the source is a page that links its feed, and
// the feed's URL now answers 200 with an HTML error page. The sync fails
// saying so, and the cache is as it was.
func TestFeedMovedToAnErrorPage(t *testing.T) {
	s := newHostileSite(t, 3)
	s.route("/", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><h1>Nyheter</h1></body></html>`)
	})
	e := newEngine(t)
	sync1(t, e, s.URL+"/")
	before := takeSnapshot(t, e, s.URL+"/")

	s.route("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!DOCTYPE html><html><body><h1>Underhåll</h1><p>Sidan är tillfälligt nere.</p></body></html>`)
	})
	_, err := e.Sync(context.Background(), s.URL+"/", nil)
	if err == nil || !strings.Contains(err.Error(), s.URL+"/feed.xml is not a feed") || strings.Contains(err.Error(), "links no feed") {
		t.Errorf("err = %v, want one saying that %s/feed.xml is not a feed", err, s.URL)
	}
	if d := before.diff(takeSnapshot(t, e, s.URL+"/")); d != "" {
		t.Errorf("a failed sync changed the cache: %s", d)
	}
}

// TestFeedCharsetLies: a feed whose charset declaration is wrong or
// missing is read as the text it is.
func TestFeedCharsetLies(t *testing.T) {
	const title = "Vårdcentralen i Växjö har öppet på lördag"
	latin1, err := charmap.ISO8859_1.NewEncoder().String(title)
	if err != nil {
		t.Fatal(err)
	}
	feed := func(prolog, title string) string {
		return prolog + `<rss version="2.0"><channel><title>Nyheter</title><item><guid>1</guid><title>` + title + `</title></item></channel></rss>`
	}
	tests := []struct {
		name, contentType, body string
	}{
		{"Latin-1 declared UTF-8", "application/rss+xml; charset=utf-8", feed(`<?xml version="1.0" encoding="UTF-8"?>`, latin1)},
		{"UTF-8 declared ISO-8859-1", "application/rss+xml; charset=iso-8859-1", feed(`<?xml version="1.0" encoding="ISO-8859-1"?>`, title)},
		{"Latin-1 declared nowhere", "application/rss+xml", feed("", latin1)},
		{"UTF-8 declared nowhere", "text/xml", feed("", title)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := demosite.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				io.WriteString(w, tt.body)
			}))
			e := newEngine(t)
			e.Workers = 1
			rep := sync1(t, e, srv.URL+"/feed.xml")
			if its := items(t, e, rep.Source); len(its) != 1 || its[0].Title != title {
				t.Errorf("items %+v, want the title %q", its, title)
			}
		})
	}
}
