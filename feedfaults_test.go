package main

// Network faults at the feed: ones that last, and ones that pass.

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"nyss/feed/fetch"
)

// fastClient makes the program's HTTP client give up and retry quickly, so
// that a server that never answers costs a test a second, not minutes.
// A Retry-After of a second is still waited out; a longer one fails.
var fastClient = fetch.Options{
	ConnectTimeout: time.Second,
	RequestTimeout: 200 * time.Millisecond,
	Backoff:        time.Millisecond,
	MaxRetryAfter:  1500 * time.Millisecond,
}

// isFeedRequest is a request for the source page or the feed it links.
func isFeedRequest(r *http.Request) bool {
	return r.URL.Path == "/nyheter/" || strings.HasSuffix(r.URL.Path, ".portlet")
}

// Faults at the feed that do not go away: the sync fails with one line, and
// the cache a previous sync filled is as it was.
func TestFeedFaultsLeaveTheCacheAlone(t *testing.T) {
	t.Parallel()
	var hops atomic.Int64
	srv, e := fixture(t)
	e.mustRun(t, "sync")
	before := e.cacheState(t)
	e.client = fastClient

	tests := []struct {
		name  string
		fault func(w http.ResponseWriter, r *http.Request)
		says  string
	}{
		{"a server that never answers", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}, "timed out after 200ms"},
		{"headers, then a body that dribbles", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel>`)
			for {
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(20 * time.Millisecond):
					io.WriteString(w, " ")
				}
			}
		}, "timed out after 200ms"},
		{"the connection dropped mid-body", func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				panic(err)
			}
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n" +
				`<?xml version="1.0"?><rss version="2.0"><channel><title>Halv`)
			buf.Flush()
			conn.Close()
		}, "connection closed before the whole body arrived"},
		{"503 every time", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "upptagen", http.StatusServiceUnavailable)
		}, "the server answered 503 service unavailable"},
		{"503 asking for two minutes", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "120")
			http.Error(w, "upptagen", http.StatusServiceUnavailable)
		}, "is busy (503) and asks to wait 2 minutes: try again after "},
		{"a redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.RequestURI(), http.StatusFound)
		}, "stopped after 10 redirects"},
		{"an endless chain of distinct redirects", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", hops.Add(1)), http.StatusFound)
		}, "stopped after 10 redirects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				if !isFeedRequest(r) && !strings.HasPrefix(r.URL.Path, "/hop/") {
					return false
				}
				tt.fault(w, r)
				return true
			})
			defer srv.SetFault(nil)

			code, out, errOut := e.nyss(t, "sync")

			wantOneLine(t, code, errOut, strings.TrimPrefix(srv.URL, "http://"), tt.says)
			if out != "" {
				t.Errorf("a failed sync printed %q", out)
			}
			t.Logf("%s", errOut)
			if after := e.cacheState(t); after != before {
				t.Errorf("the failed sync changed the cache")
			}
		})
	}
}

// Faults that go away: the client retries, honouring Retry-After, and the
// first sync completes. The news page fails once with 500; the feed it
// links with 429 and then 503, both with Retry-After.
func TestPassingFeedFaultsAreRetried(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		times = map[string][]time.Time{}
	)
	srv, e := fixture(t)
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !isFeedRequest(r) {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		times[r.URL.Path] = append(times[r.URL.Path], time.Now())
		n := len(times[r.URL.Path])
		switch {
		case r.URL.Path == "/nyheter/" && n == 1:
			http.Error(w, "fel", http.StatusInternalServerError)
		case r.URL.Path != "/nyheter/" && n <= 2:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "vänta", []int{http.StatusTooManyRequests, http.StatusServiceUnavailable}[n-1])
		default:
			return false
		}
		return true
	})
	e.client = fastClient

	out := e.mustRun(t, "sync")

	if !strings.Contains(out, "18 new") || !strings.Contains(out, "18 fetched") {
		t.Errorf("sync summary:\n%s", out)
	}
	mu.Lock()
	defer mu.Unlock()
	var feed []time.Time
	for path, ts := range times {
		switch {
		case path == "/nyheter/" && len(ts) != 2:
			t.Errorf("the news page was asked for %d times, want 2", len(ts))
		case path != "/nyheter/":
			feed = ts
		}
	}
	if len(feed) != 3 {
		t.Fatalf("the feed was asked for %d times, want 3", len(feed))
	}
	// Retry-After: 1 is waited out; without it the client's own backoff
	// would be about a millisecond.
	for i := 1; i < len(feed); i++ {
		if gap := feed[i].Sub(feed[i-1]); gap < 900*time.Millisecond {
			t.Errorf("retry %d came after %v: Retry-After not honoured", i, gap)
		}
	}
}
