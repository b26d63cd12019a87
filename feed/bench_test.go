package feed

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"nyss/feed/demosite"
	"nyss/feed/fetch"
	"nyss/feed/parse"
	"nyss/feed/store"
)

// bigFeed is an RSS feed of n items linking to base/nyheter/a<i>.html,
// one every six hours: 10,000 items span 6.8 years.
func bigFeed(base string, n int) []byte {
	return feedEvery(base, n, 6*time.Hour)
}

// feedEvery is an RSS feed of n items, one every step.
func feedEvery(base string, n int, step time.Duration) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nyheter</title>`)
	start := time.Date(2022, 11, 22, 9, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Nyhet %d om vården i Växjö och Ljungby</title><link>%s/nyheter/a%d.html</link>`+
			`<guid isPermaLink="false">4.1-%d</guid><pubDate>%s</pubDate><description>Region Kronoberg satsar på %d nya åtgärder för länets invånare.</description></item>`,
			i, base, i, i, start.Add(-time.Duration(i)*step).Format(time.RFC1123Z), i)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// BenchmarkParseAndStore1000 parses a 1,000-item feed and stores its items
// in a fresh cache: the feed half of a first sync.
func BenchmarkParseAndStore1000(b *testing.B) {
	body := bigFeed("https://www.regionkronoberg.se", 1000)
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "c.db"))
		if err != nil {
			b.Fatal(err)
		}
		e := &Engine{Store: st}
		src := store.Source{URL: "x"}
		st.SaveSource(&src)
		b.StartTimer()
		fd, err := parse.ParseFeed(body, "application/rss+xml", "https://www.regionkronoberg.se/")
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := e.storeItems(src.ID, fd.Items); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkSync1000Articles is a whole first sync of a 1,000-item feed
// from a loopback server whose pages are fixture-shaped article pages. It
// reports cpu/wall: near the number of cores means the sync is limited by
// extraction, not by waiting on the network.
func BenchmarkSync1000Articles(b *testing.B) {
	benchmarkSync(b, 1000, 6*time.Hour)
}

// BenchmarkFirstSync10000 is the first sync of 10,000 items, one every 90
// minutes, so that every article is within the retention and fetched:
// the aim is under 15 s. One run takes about as long; use
// -benchtime 1x.
func BenchmarkFirstSync10000(b *testing.B) {
	benchmarkSync(b, 10000, 90*time.Minute)
}

func benchmarkSync(b *testing.B, n int, step time.Duration) {
	page, err := fs.ReadFile(demosite.Files(), "nyheter/2022-06-14-uppstartskonferens-for-industriforum-i-kronoberg.html")
	if err != nil {
		b.Fatal(err)
	}
	var feedBody []byte
	srv := demosite.Serve(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(feedBody)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	feedBody = feedEvery(srv.URL, n, step)

	var cpu, wall time.Duration
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "c.db"))
		if err != nil {
			b.Fatal(err)
		}
		e := &Engine{Store: st, Client: fetch.New(fetch.Options{})}
		before, t0 := cpuTime(), time.Now()
		b.StartTimer()
		rep, err := e.Sync(context.Background(), srv.URL+"/feed.xml", nil)
		b.StopTimer()
		wall += time.Since(t0)
		cpu += cpuTime() - before
		if err != nil || rep.Articles.Fetched != n {
			b.Fatalf("sync: %v %+v", err, rep)
		}
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu)/float64(wall), "cpu/wall")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkOpenUncachedArticle is what the reader pays to open a headline
// whose article is not cached, on a page with no related news of its own:
// the cache read, one fetch from a loopback server, one extraction, and
// the nearest articles from the search index. Its cost must not grow with
// the cache: compare items=1000 with items=10000.
func BenchmarkOpenUncachedArticle(b *testing.B) {
	page, err := fs.ReadFile(demosite.Files(), "nyheter/2022-06-14-uppstartskonferens-for-industriforum-i-kronoberg.html")
	if err != nil {
		b.Fatal(err)
	}
	// The page without its related block: the nearest are computed.
	cut := strings.Index(string(page), "Relaterade nyheter")
	body := strings.ReplaceAll(string(page[:cut]), "{{BASE}}", "http://x")
	srv := demosite.Serve(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}))
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			st, err := store.Open(filepath.Join(b.TempDir(), "c.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			src := store.Source{URL: srv.URL + "/nyheter/"}
			if err := st.SaveSource(&src); err != nil {
				b.Fatal(err)
			}
			fd, err := parse.ParseFeed(bigFeed(srv.URL, n), "application/rss+xml", srv.URL)
			if err != nil {
				b.Fatal(err)
			}
			e := &Engine{Store: st, Client: fetch.New(fetch.Options{})}
			if _, _, err := e.storeItems(src.ID, fd.Items); err != nil {
				b.Fatal(err)
			}
			all, _ := st.Items(store.Filter{Sources: []int64{src.ID}})
			// A fifth stays uncached, each opened once; the rest is cached.
			uncached := all[:n/5]
			var articles []store.Article
			for i, it := range all[n/5:] {
				// Words as news has them: some in every article, some in a
				// few, the page's own in one of a hundred or five hundred.
				md := fmt.Sprintf("Artikel om ämne%d och projekt%d i Växjö, Ljungby och Alvesta.", i%(n/10), i%(n/20))
				if i%100 == 0 {
					md += " Industriforum Kronoberg samlar industrin."
				}
				if i%500 == 0 {
					md += " Kompetensförsörjning inom industrinäringen."
				}
				articles = append(articles, store.Article{ItemID: it.ID, URL: it.URL, Title: it.Title, Format: store.ArticleFormat, Markdown: md})
			}
			if err := st.SaveArticles(articles); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				if i == len(uncached) {
					b.Fatalf("only %d uncached articles: run with a lower -benchtime, such as 100x", i)
				}
				r, err := e.CachedArticle(uncached[i].ID)
				if err != nil || !r.Pending {
					b.Fatalf("%v %+v", err, r)
				}
				if r = e.FetchArticle(context.Background(), r); r.Article == nil || len(r.Article.Related) == 0 {
					b.Fatalf("fetch: %v, %+v", r.Err, r.Article)
				}
				i++
			}
		})
	}
}
