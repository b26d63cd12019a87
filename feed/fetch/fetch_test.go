package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testOptions keep the suite fast: short timeouts, near-zero backoff.
func testOptions() Options {
	return Options{
		ConnectTimeout: time.Second,
		RequestTimeout: 5 * time.Second,
		Backoff:        time.Millisecond,
		MaxRetryAfter:  50 * time.Millisecond,
	}
}

// serve starts a loopback server for the test.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// serveBlocking is serve for handlers that may block: their stop channel
// closes when the test ends, before the server closes (it waits for them).
func serveBlocking(t *testing.T, h func(stop <-chan struct{}) http.HandlerFunc) *httptest.Server {
	t.Helper()
	stop := make(chan struct{})
	srv := serve(t, h(stop))
	t.Cleanup(func() { close(stop) }) // cleanups run last-in first-out
	return srv
}

// counted wraps h to count the requests it sees.
func counted(hits *atomic.Int32, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h(w, r)
	}
}

func TestConditionalGet(t *testing.T) {
	t.Parallel()
	const (
		etag    = `"v1"`
		lastMod = "Tue, 14 Jun 2022 08:00:00 GMT"
	)
	var (
		mu      sync.Mutex
		seenINM string // If-None-Match as the server saw it
		seenIMS string // If-Modified-Since as the server saw it
	)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seenINM, seenIMS = r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		mu.Unlock()
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			if r.URL.Query().Get("bare") == "" {
				w.Header().Set("ETag", etag)
			}
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		io.WriteString(w, "<rss/>")
	})

	tests := []struct {
		name     string
		req      Request
		wantINM  string
		wantIMS  string
		want304  bool
		wantBody string
		wantETag string
		wantLM   string
	}{
		{
			name:     "first fetch has no validators",
			req:      Request{URL: srv.URL},
			want304:  false,
			wantBody: "<rss/>",
			wantETag: etag,
			wantLM:   lastMod,
		},
		{
			name:     "etag matches",
			req:      Request{URL: srv.URL, ETag: etag},
			wantINM:  etag,
			want304:  true,
			wantETag: etag,
		},
		{
			name:    "last-modified matches",
			req:     Request{URL: srv.URL, LastModified: lastMod},
			wantIMS: lastMod,
			want304: true,
			// the server sent an ETag with the 304
			wantETag: etag,
			wantLM:   lastMod,
		},
		{
			name:     "304 without validators keeps the caller's",
			req:      Request{URL: srv.URL + "?bare=1", ETag: etag, LastModified: lastMod},
			wantINM:  etag,
			wantIMS:  lastMod,
			want304:  true,
			wantETag: etag,
			wantLM:   lastMod,
		},
	}
	c := New(testOptions())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(t.Context(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			inm, ims := seenINM, seenIMS
			mu.Unlock()
			if inm != tt.wantINM || ims != tt.wantIMS {
				t.Errorf("server saw If-None-Match %q, If-Modified-Since %q; want %q, %q", inm, ims, tt.wantINM, tt.wantIMS)
			}
			if resp.NotModified != tt.want304 {
				t.Errorf("NotModified = %v, want %v", resp.NotModified, tt.want304)
			}
			if tt.want304 && (resp.Status != http.StatusNotModified || resp.Body != nil) {
				t.Errorf("304: Status %d, Body %q; want 304 and nil", resp.Status, resp.Body)
			}
			if string(resp.Body) != tt.wantBody {
				t.Errorf("Body = %q, want %q", resp.Body, tt.wantBody)
			}
			if resp.ETag != tt.wantETag || resp.LastModified != tt.wantLM {
				t.Errorf("validators %q, %q; want %q, %q", resp.ETag, resp.LastModified, tt.wantETag, tt.wantLM)
			}
			if !tt.want304 && resp.ContentType != "application/rss+xml; charset=utf-8" {
				t.Errorf("ContentType = %q", resp.ContentType)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	var endlessHits atomic.Int32
	mux := http.NewServeMux()
	// /chain/N takes N redirects, each to a new address, to reach /chain/0.
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			io.WriteString(w, "arrived")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/endless/{n}", counted(&endlessHits, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		http.Redirect(w, r, fmt.Sprintf("/endless/%d", n+1), http.StatusMovedPermanently)
	}))
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/pong", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/pong", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ping", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "ftp://example.org/feed")
		w.WriteHeader(http.StatusFound)
	})
	srv := serve(t, mux.ServeHTTP)

	tests := []struct {
		path      string
		wantFinal string // path of the final URL on success
		wantErr   string // part of the error message on failure
	}{
		{path: "/chain/0", wantFinal: "/chain/0"},
		{path: "/chain/10", wantFinal: "/chain/0"},
		{path: "/chain/11", wantErr: "stopped after 10 redirects"},
		{path: "/endless/0", wantErr: "stopped after 10 redirects"},
		{path: "/loop", wantErr: "stopped after 10 redirects"},
		{path: "/ping", wantErr: "stopped after 10 redirects"},
		{path: "/to-file", wantErr: "refused a redirect to a file: address"},
		{path: "/to-ftp", wantErr: "refused a redirect to a ftp: address"},
	}
	c := New(testOptions())
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := c.Get(t.Context(), Request{URL: srv.URL + tt.path})
			if tt.wantErr != "" {
				var redirectErr *redirectError
				if !errors.As(err, &redirectErr) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Get = %v, %v; want a *redirectError saying %q", resp, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := srv.URL + tt.wantFinal; resp.URL != want || string(resp.Body) != "arrived" {
				t.Errorf("final URL %q, body %q; want %q, %q", resp.URL, resp.Body, want, "arrived")
			}
		})
	}
	// The first request and ten redirects, not one more; and never retried.
	if n := endlessHits.Load(); n != 11 {
		t.Errorf("the endless chain was asked %d times, want 11", n)
	}
}

func TestSizeCap(t *testing.T) {
	t.Parallel()
	small := gzipped(t, []byte("hej från Växjö"), 1)
	bomb := gzipped(t, make([]byte, 2*FeedCap), 1) // about 20 KB on the wire
	var sawGzip atomic.Bool

	mux := http.NewServeMux()
	// /sized?n=N sends N bytes with a Content-Length.
	mux.HandleFunc("/sized", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		w.Header().Set("Content-Length", strconv.Itoa(n))
		w.Write(bytes.Repeat([]byte("a"), n))
	})
	// /streamed?n=N sends N bytes chunked, so no length is known up front.
	mux.HandleFunc("/streamed", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		chunk := bytes.Repeat([]byte("a"), 32<<10)
		for n > 0 {
			k := min(n, len(chunk))
			if _, err := w.Write(chunk[:k]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			n -= k
		}
	})
	gzipHandler := func(body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			sawGzip.Store(strings.Contains(r.Header.Get("Accept-Encoding"), "gzip"))
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write(body)
		}
	}
	mux.HandleFunc("/gzip", gzipHandler(small))
	mux.HandleFunc("/bomb", gzipHandler(bomb))
	srv := serve(t, mux.ServeHTTP)

	tests := []struct {
		name      string
		path      string
		maxBytes  int64
		wantBody  string // checked when wantLimit is 0
		wantLen   int
		wantLimit int64  // the tooLargeError's limit, 0 for success
		wantMsg   string // part of the error message
	}{
		{name: "exactly the cap", path: "/sized?n=1000", maxBytes: 1000, wantLen: 1000},
		{name: "one byte over, declared", path: "/sized?n=1001", maxBytes: 1000, wantLimit: 1000, wantMsg: "larger than the 1000 bytes limit"},
		{name: "one byte over, streamed", path: "/streamed?n=1001", maxBytes: 1000, wantLimit: 1000},
		{name: "feed cap", path: fmt.Sprintf("/streamed?n=%d", FeedCap+1), maxBytes: FeedCap, wantLimit: FeedCap, wantMsg: "is larger than the 10 MB limit"},
		{name: "default cap is the page cap", path: fmt.Sprintf("/sized?n=%d", PageCap+1), wantLimit: PageCap, wantMsg: "is larger than the 5 MB limit"},
		{name: "gzip is decompressed", path: "/gzip", maxBytes: 1000, wantBody: "hej från Växjö", wantLen: len("hej från Växjö")},
		{name: "gzip bomb hits the cap", path: "/bomb", maxBytes: FeedCap, wantLimit: FeedCap},
	}
	c := New(testOptions())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(t.Context(), Request{URL: srv.URL + tt.path, MaxBytes: tt.maxBytes})
			if tt.wantLimit != 0 {
				var tooLarge *tooLargeError
				if !errors.As(err, &tooLarge) || tooLarge.Limit != tt.wantLimit {
					t.Fatalf("Get = %v, %v; want a *tooLargeError with limit %d", resp, err, tt.wantLimit)
				}
				if !strings.Contains(err.Error(), tt.wantMsg) {
					t.Errorf("error %q does not say %q", err, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Body) != tt.wantLen || (tt.wantBody != "" && string(resp.Body) != tt.wantBody) {
				t.Errorf("body is %d bytes %.40q; want %d bytes %q", len(resp.Body), resp.Body, tt.wantLen, tt.wantBody)
			}
		})
	}
	if !sawGzip.Load() {
		t.Error("the server was never offered gzip")
	}
}

func gzipped(t *testing.T, data []byte, level int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler func(stop <-chan struct{}) http.HandlerFunc
	}{
		{
			name: "server never answers",
			handler: func(stop <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					select {
					case <-r.Context().Done():
					case <-stop:
					}
				}
			},
		},
		{
			name: "headers, then a dribbling body",
			handler: func(stop <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Length", "1000")
					for {
						if _, err := w.Write([]byte("a")); err != nil {
							return
						}
						w.(http.Flusher).Flush()
						select {
						case <-time.After(10 * time.Millisecond):
						case <-r.Context().Done():
							return
						case <-stop:
							return
						}
					}
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := serveBlocking(t, func(stop <-chan struct{}) http.HandlerFunc {
				return counted(&hits, tt.handler(stop))
			})
			opts := testOptions()
			opts.RequestTimeout = 200 * time.Millisecond
			opts.Retries = 1

			resp, err := New(opts).Get(t.Context(), Request{URL: srv.URL})
			var timeout *timeoutError
			if !errors.As(err, &timeout) || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Get = %v, %v; want a *timeoutError", resp, err)
			}
			if !strings.Contains(err.Error(), "timed out after 200ms") {
				t.Errorf("error %q does not say how long it waited", err)
			}
			if n := hits.Load(); n != 2 {
				t.Errorf("server was asked %d times, want 2 (a timeout is retried)", n)
			}
		})
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	type answer struct {
		code       int
		retryAfter string
	}
	tests := []struct {
		name          string
		answers       []answer // in order; after them the server answers 200
		maxRetryAfter time.Duration
		wantHits      int
		wantCode      int // the StatusError's code, 0 for success
		wantMinGap    time.Duration
	}{
		{name: "500 then success", answers: []answer{{code: 500}}, wantHits: 2},
		{name: "503 and 502 then success", answers: []answer{{code: 503}, {code: 502}}, wantHits: 3},
		{name: "429 then success", answers: []answer{{code: 429}}, wantHits: 2},
		{
			name:    "a Retry-After within the cap is waited out",
			answers: []answer{{code: 503, retryAfter: "1"}},
			// Backoff alone would wait about a millisecond.
			maxRetryAfter: 2 * time.Second,
			wantHits:      2,
			wantMinGap:    time.Second,
		},
		{name: "500 every time", answers: []answer{{code: 500}, {code: 500}, {code: 500}, {code: 500}}, wantHits: 3, wantCode: 500},
		{name: "404 is not retried", answers: []answer{{code: 404}}, wantHits: 1, wantCode: 404},
		{name: "403 is not retried", answers: []answer{{code: 403}}, wantHits: 1, wantCode: 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var (
				mu    sync.Mutex
				times []time.Time
			)
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n := len(times)
				times = append(times, time.Now())
				mu.Unlock()
				if n < len(tt.answers) {
					if a := tt.answers[n]; a.retryAfter != "" {
						w.Header().Set("Retry-After", a.retryAfter)
					}
					http.Error(w, "not now", tt.answers[n].code)
					return
				}
				io.WriteString(w, "ok")
			})
			opts := testOptions()
			if tt.maxRetryAfter != 0 {
				opts.MaxRetryAfter = tt.maxRetryAfter
			}

			resp, err := New(opts).Get(t.Context(), Request{URL: srv.URL})
			if tt.wantCode != 0 {
				var statusErr *StatusError
				if !errors.As(err, &statusErr) || statusErr.Code != tt.wantCode {
					t.Fatalf("Get = %v, %v; want a *StatusError %d", resp, err, tt.wantCode)
				}
			} else if err != nil || string(resp.Body) != "ok" {
				t.Fatalf("Get = %v, %v; want the body %q", resp, err, "ok")
			}
			mu.Lock()
			defer mu.Unlock()
			if len(times) != tt.wantHits {
				t.Errorf("server was asked %d times, want %d", len(times), tt.wantHits)
			}
			if tt.wantMinGap > 0 && len(times) >= 2 {
				if gap := times[1].Sub(times[0]); gap < tt.wantMinGap {
					t.Errorf("retried after %v, want at least %v", gap, tt.wantMinGap)
				}
			}
		})
	}
}

func TestBodyCutShort(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		raw  string // what the server sends before it hangs up
	}{
		{
			name: "content-length not reached",
			raw:  "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n0123456789",
		},
		{
			name: "chunked body without its last chunk",
			raw:  "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := serve(t, counted(&hits, rawAnswer(t, tt.raw)))

			resp, err := New(testOptions()).Get(t.Context(), Request{URL: srv.URL})
			if err == nil || !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("Get = %v, %v; want an error wrapping io.ErrUnexpectedEOF", resp, err)
			}
			// A drop may pass: it is tried again, as many times as a
			// refused connection, and the part that came is never kept.
			if n := hits.Load(); n != 3 {
				t.Errorf("server was asked %d times, want 3", n)
			}
		})
	}
}

// rawAnswer writes raw bytes straight onto the connection and hangs up.
func rawAnswer(t *testing.T, raw string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		buf.WriteString(raw)
		buf.Flush()
	}
}

func TestUserAgent(t *testing.T) {
	t.Parallel()

	var (
		mu  sync.Mutex
		uas []string
	)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		uas = append(uas, r.URL.Path+" "+r.UserAgent())
		mu.Unlock()
		if r.URL.Path == "/start" {
			http.Redirect(w, r, "/end", http.StatusFound)
		}
	})
	srv := serve(t, mux.ServeHTTP)

	opts := testOptions()
	opts.Version = "1.2.3"
	if _, err := New(opts).Get(t.Context(), Request{URL: srv.URL + "/start"}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/start nyss/1.2.3 (+terminal news reader)",
		"/end nyss/1.2.3 (+terminal news reader)",
	}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(uas) != fmt.Sprint(want) {
		t.Errorf("server saw %q, want %q", uas, want)
	}
}

func TestAcceptHeader(t *testing.T) {
	t.Parallel()
	var seen atomic.Value
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		seen.Store(r.Header.Get("Accept"))
	})
	const accept = "application/rss+xml, application/atom+xml;q=0.9, */*;q=0.1"
	if _, err := New(testOptions()).Get(t.Context(), Request{URL: srv.URL, Accept: accept}); err != nil {
		t.Fatal(err)
	}
	if got := seen.Load(); got != accept {
		t.Errorf("server saw Accept %q, want %q", got, accept)
	}
}

func TestPerHostLimit(t *testing.T) {
	t.Parallel()
	const perHost = 2
	var inFlight, most atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		// Leaving the handler comes before the client can see the end of
		// the chunked body, so the count never runs behind the client.
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		// Headers first, then the body a little later: the slot must be
		// held while the body is read, not only until the headers.
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		time.Sleep(20 * time.Millisecond)
		io.WriteString(w, "done")
	})
	opts := testOptions()
	opts.PerHost = perHost
	c := New(opts)

	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := c.Get(t.Context(), Request{URL: srv.URL}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := most.Load(); m > perHost || m < 1 {
		t.Errorf("%d requests were in flight at once, want 1 to %d", m, perHost)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		perHost int
		handler func(arrived chan<- struct{}, stop <-chan struct{}) http.HandlerFunc
		// blocker, when set, holds the host's only slot before the Get.
		blocker bool
	}{
		{
			name: "while waiting for the answer",
			handler: func(arrived chan<- struct{}, stop <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					arrived <- struct{}{}
					select {
					case <-r.Context().Done():
					case <-stop:
					}
				}
			},
		},
		{
			name: "during a long Retry-After",
			handler: func(arrived chan<- struct{}, stop <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Retry-After", "3600")
					w.WriteHeader(http.StatusServiceUnavailable)
					arrived <- struct{}{}
				}
			},
		},
		{
			name:    "while waiting for a host slot",
			perHost: 1,
			blocker: true,
			handler: func(arrived chan<- struct{}, stop <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					arrived <- struct{}{}
					<-stop
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arrived := make(chan struct{}, 10)
			var hits atomic.Int32
			srv := serveBlocking(t, func(stop <-chan struct{}) http.HandlerFunc {
				return counted(&hits, tt.handler(arrived, stop))
			})
			opts := testOptions()
			opts.MaxRetryAfter = time.Hour
			opts.PerHost = tt.perHost
			c := New(opts)

			if tt.blocker {
				go c.Get(t.Context(), Request{URL: srv.URL})
				<-arrived
			}
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() {
				_, err := c.Get(ctx, Request{URL: srv.URL})
				done <- err
			}()
			if tt.blocker {
				time.Sleep(20 * time.Millisecond) // let the Get reach the slot
			} else {
				<-arrived
			}
			cancel()

			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("Get after cancel = %v, want context.Canceled", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Get did not return after its context was cancelled")
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("server was asked %d times, want 1", n)
			}
		})
	}
}

func TestNotWebURL(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"", "file:///etc/passwd", "ftp://example.org/feed", "javascript:alert(1)", "example.org/feed", "http://"} {
		resp, err := New(testOptions()).Get(t.Context(), Request{URL: raw})
		var plain *requestError
		if !errors.As(err, &plain) {
			t.Errorf("Get(%q) = %v, %v; want an *requestError", raw, resp, err)
		}
	}
}

func TestResponseIsSanitized(t *testing.T) {
	t.Parallel()
	// The transport itself refuses ESC and BEL in a header line, but passes
	// bytes above 0x7f: here a C1 CSI (U+009B) and a bidi override (U+202E).
	raw := "HTTP/1.1 200 OK\r\n" +
		"Content-Type: text/html\u009b2J\r\n" +
		"ETag: \"v1\u202e\"\r\n" +
		"Last-Modified: Tue, 14 Jun 2022\u009b31m 08:00:00 GMT\r\n" +
		"Content-Length: 2\r\n\r\nok"
	srv := serve(t, rawAnswer(t, raw))

	resp, err := New(testOptions()).Get(t.Context(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{resp.ContentType, resp.ETag, resp.LastModified}
	want := []string{"text/html", `"v1"`, "Tue, 14 Jun 2022 08:00:00 GMT"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("response fields %q, want %q", got, want)
	}
}

func TestErrorMessages(t *testing.T) {
	t.Parallel()
	const u = "https://www.regionkronoberg.se/nyheter/feed.xml"
	tests := []struct {
		err  error
		want string
	}{
		{&tooLargeError{URL: u, Limit: FeedCap}, "www.regionkronoberg.se/nyheter/feed.xml is larger than the 10 MB limit"},
		{&tooLargeError{URL: u, Limit: PageCap}, "www.regionkronoberg.se/nyheter/feed.xml is larger than the 5 MB limit"},
		{&tooLargeError{URL: u, Limit: 64 << 10}, "www.regionkronoberg.se/nyheter/feed.xml is larger than the 64 KB limit"},
		{&StatusError{URL: u, Code: 404}, "www.regionkronoberg.se/nyheter/feed.xml: the server answered 404 not found"},
		{&StatusError{URL: u, Code: 599}, "www.regionkronoberg.se/nyheter/feed.xml: the server answered 599"},
		{&redirectError{URL: u, Limit: 10}, "www.regionkronoberg.se/nyheter/feed.xml: stopped after 10 redirects"},
		{&timeoutError{URL: u, After: 30 * time.Second}, "www.regionkronoberg.se/nyheter/feed.xml: timed out after 30s"},
		{&timeoutError{URL: u, After: 10 * time.Second, Connecting: true}, "www.regionkronoberg.se/nyheter/feed.xml: timed out after 10s while connecting"},
		{&requestError{URL: "http://example.org/\x1b]0;pwned\x07x\nnext", Err: errors.New("connection refused")}, "example.org/x next: connection refused"},
		{&requestError{URL: "https://example.org/" + strings.Repeat("å", 100), Err: io.ErrUnexpectedEOF}, "example.org/" + strings.Repeat("å", 47) + "…: unexpected EOF"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%T message\n got %q\nwant %q", tt.err, got, tt.want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header   string
		min, max time.Duration
	}{
		{"", -1, -1},
		{"soon", -1, -1},
		{"-5", -1, -1},
		{"0", 0, 0},
		{" 120 ", 2 * time.Minute, 2 * time.Minute},
		{"99999999999999", 24 * time.Hour, 24 * time.Hour},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0, 0},
		{time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), 58 * time.Minute, time.Hour},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.header); got < tt.min || got > tt.max {
			t.Errorf("parseRetryAfter(%q) = %v, want %v to %v", tt.header, got, tt.min, tt.max)
		}
	}
}

func TestBackoffDoublesWithJitter(t *testing.T) {
	t.Parallel()
	c := New(Options{Backoff: 100 * time.Millisecond, MaxRetryAfter: time.Second})
	tests := []struct {
		attempt int
		base    time.Duration
	}{
		{0, 100 * time.Millisecond},
		{1, 200 * time.Millisecond},
		{2, 400 * time.Millisecond},
		{3, 800 * time.Millisecond},
		{4, time.Second}, // capped
		{60, time.Second},
	}
	for _, tt := range tests {
		if got := c.backoff(tt.attempt); got < tt.base || got > tt.base*3/2 {
			t.Errorf("backoff(%d) = %v, want %v plus at most half again", tt.attempt, got, tt.base)
		}
	}
}
