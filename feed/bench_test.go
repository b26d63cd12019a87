package feed

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
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

// bigFeed is an RSS feed of n items linking to base/nyheter/a<i>.html.
func bigFeed(base string, n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nyheter</title>`)
	start := time.Date(2022, 11, 22, 9, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Nyhet %d om vården i Växjö och Ljungby</title><link>%s/nyheter/a%d.html</link>`+
			`<guid isPermaLink="false">4.1-%d</guid><pubDate>%s</pubDate><description>Region Kronoberg satsar på %d nya åtgärder för länets invånare.</description></item>`,
			i, base, i, i, start.Add(-time.Duration(i)*6*time.Hour).Format(time.RFC1123Z), i)
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
	page, err := fs.ReadFile(demosite.Files(), "nyheter/2022-06-14-uppstartskonferens-for-industriforum-i-kronoberg.html")
	if err != nil {
		b.Fatal(err)
	}
	var feedBody []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(feedBody)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	feedBody = bigFeed(srv.URL, 1000)

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
		rep, err := e.Sync(context.Background(), srv.URL+"/feed.xml")
		b.StopTimer()
		wall += time.Since(t0)
		cpu += cpuTime() - before
		if err != nil || rep.Articles.Fetched != 1000 {
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
