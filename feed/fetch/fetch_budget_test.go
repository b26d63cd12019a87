package fetch

import (
	stdcontext "context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// budgetOptions give a fetch 1 s in all, with attempts of 600 ms: a
// server that never answers gets a second try, cut short by the budget.
// The 400 ms between leave room for a timer that fires late on a loaded
// machine; with 500 and 300 ms, CI once ran out of it after one try.
func budgetOptions() Options {
	o := testOptions()
	o.RequestTimeout = 600 * time.Millisecond
	o.FeedBudget = time.Second
	o.PageBudget = time.Second
	return o
}

// timed runs a Get and says how long it took.
func timed(c *Client, r Request) (*Response, error, time.Duration) {
	start := time.Now()
	resp, err := c.Get(stdcontext.Background(), r)
	return resp, err, time.Since(start)
}

func TestTheBudgetEndsAFetchRetriesIncluded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler func(stop <-chan struct{}) http.HandlerFunc
		says    string
	}{
		{
			name: "a server that never answers",
			handler: func(stop <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					select {
					case <-r.Context().Done():
					case <-stop:
					}
				}
			},
			says: `no answer in 1 s$`,
		},
		{
			name: "a feed that trickles byte by byte",
			handler: func(stop <-chan struct{}) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/rss+xml")
					io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel>`+strings.Repeat(" ", 3000))
					for {
						w.(http.Flusher).Flush()
						select {
						case <-r.Context().Done():
							return
						case <-stop:
							return
						case <-time.After(10 * time.Millisecond):
							io.WriteString(w, "x")
						}
					}
				}
			},
			says: `the server sent \d+ KB in 1 s and stopped`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := serveBlocking(t, func(stop <-chan struct{}) http.HandlerFunc {
				return counted(&hits, tt.handler(stop))
			})

			_, err, took := timed(New(budgetOptions()), Request{URL: srv.URL, Feed: true})

			var be *BudgetError
			if !errors.As(err, &be) {
				t.Fatalf("Get = %v, want a *BudgetError", err)
			}
			if msg := err.Error(); !regexp.MustCompile(tt.says).MatchString(msg) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line saying %q", msg, tt.says)

			}
			// The budget, not three attempts of 600 ms and their backoff.
			if took < 900*time.Millisecond || took > 1700*time.Millisecond {
				t.Errorf("gave up after %v with a budget of 1s", took)
			}
			if n := hits.Load(); n != 2 {
				t.Errorf("server was asked %d times, want 2: a second try fits, a third does not", n)
			}
		})
	}
}

func TestBudgetErrorSaysTheRealBudget(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  *BudgetError
		want string
	}{
		{&BudgetError{URL: "https://example.org/feed", Budget: 45 * time.Second}, "example.org/feed: no answer in 45 s"},
		{&BudgetError{URL: "https://example.org/feed", Budget: 45 * time.Second, Received: 3 << 10}, "example.org/feed: the server sent 3 KB in 45 s and stopped"},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%q, want %q", got, tt.want)
		}
	}
}

// A page has its own, shorter budget: with 300 ms, an attempt timeout of
// 5 s never comes into it, and no retry starts that could not finish.
func TestAPageHasItsOwnBudget(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := serveBlocking(t, func(stop <-chan struct{}) http.HandlerFunc {
		return counted(&hits, func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		})
	})
	opts := testOptions()
	opts.PageBudget = 300 * time.Millisecond

	_, err, took := timed(New(opts), Request{URL: srv.URL})

	if err == nil || !strings.Contains(err.Error(), "no answer in 300ms") {
		t.Fatalf("Get = %v, want no answer in 300ms", err)
	}
	if took > 800*time.Millisecond {
		t.Errorf("took %v", took)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server was asked %d times, want 1", n)
	}
}

func TestRetryAfterIsWaitedOutOnlyWhenItFits(t *testing.T) {
	t.Parallel()
	httpDate := func(d time.Duration) string { return time.Now().Add(d).UTC().Format(http.TimeFormat) }
	tests := []struct {
		name       string
		code       int
		retryAfter func() string
		budget     time.Duration
		busy       string        // the BusyError's words; "" when it is waited out
		minGap     time.Duration // for one waited out
	}{
		{name: "a long wait in seconds", code: 503, retryAfter: func() string { return "120" },
			budget: 45 * time.Second, busy: "is busy (503) and asks to wait 2 minutes: try again after "},
		{name: "a long wait as an HTTP date", code: 429, retryAfter: func() string { return httpDate(10*time.Minute + 30*time.Second) },
			budget: 45 * time.Second, busy: "is busy (429) and asks to wait 11 minutes: try again after "},
		{name: "a wait the cap allows but the budget does not", code: 503, retryAfter: func() string { return "2" },
			budget: 1500 * time.Millisecond, busy: "is busy (503) and asks to wait 2 seconds: try again after "},
		{name: "a short wait in seconds", code: 503, retryAfter: func() string { return "1" },
			budget: 45 * time.Second, minGap: time.Second},
		{name: "a short wait as an HTTP date", code: 429, retryAfter: func() string { return httpDate(2 * time.Second) },
			budget: 45 * time.Second, minGap: 900 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var times []time.Time
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				times = append(times, time.Now())
				if len(times) == 1 {
					w.Header().Set("Retry-After", tt.retryAfter())
					http.Error(w, "vänta", tt.code)
					return
				}
				io.WriteString(w, "ok")
			})
			opts := testOptions()
			opts.MaxRetryAfter = 30 * time.Second
			opts.FeedBudget = tt.budget

			resp, err, took := timed(New(opts), Request{URL: srv.URL, Feed: true})

			if tt.busy == "" {
				if err != nil || string(resp.Body) != "ok" {
					t.Fatalf("Get = %v; want the wait sat out and then the body", err)
				}
				if gap := times[1].Sub(times[0]); gap < tt.minGap {
					t.Errorf("tried again after %v, want at least %v", gap, tt.minGap)
				}
				return
			}
			var busy *BusyError
			if !errors.As(err, &busy) || !strings.Contains(err.Error(), tt.busy) || !strings.Contains(err.Error(), srv.URL) {
				t.Fatalf("Get = %v; want a *BusyError saying %q and naming the URL", err, tt.busy)
			}
			if took > 300*time.Millisecond || len(times) != 1 {
				t.Errorf("took %v and %d requests: a long Retry-After must fail at once", took, len(times))
			}
			// It says when to come back, in local time.
			if !strings.HasSuffix(err.Error(), busy.Until.Local().Format("15:04")) &&
				!strings.HasSuffix(err.Error(), busy.Until.Local().Format("15:04:05")) {
				t.Errorf("error %q does not end in the time to retry, %v", err, busy.Until)
			}
		})
	}
}

func TestADroppedBodyIsTriedAgainAndNeverKept(t *testing.T) {
	t.Parallel()
	const whole = `<?xml version="1.0"?><rss version="2.0"><channel><title>Hela</title></channel></rss>`
	drop := rawAnswer(t, "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 1000\r\n\r\n<?xml version=")
	t.Run("drop, then success", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
			if hits.Add(1) == 1 {
				drop(w, r)
				return
			}
			io.WriteString(w, whole)
		})
		resp, err, _ := timed(New(budgetOptions()), Request{URL: srv.URL, Feed: true})
		if err != nil || string(resp.Body) != whole {
			t.Fatalf("Get = %v; want the whole body from the second try", err)
		}
	})
	t.Run("drop, then drop", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := serve(t, counted(&hits, drop))
		resp, err, took := timed(New(budgetOptions()), Request{URL: srv.URL, Feed: true})
		if resp != nil || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("Get = %v, %v; want no body and an error wrapping io.ErrUnexpectedEOF", resp, err)
		}
		if n := hits.Load(); n != 3 || took > time.Second {
			t.Errorf("%d tries in %v; want 3 (two retries), within the budget", n, took)
		}
	})
}

func TestWaitWords(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		time.Second: "1 second", 40 * time.Second: "40 seconds", 90 * time.Second: "2 minutes",
		2 * time.Minute: "2 minutes", time.Hour: "60 minutes", 3 * time.Hour: "3 hours",
	} {
		if got := waitWords(d); got != want {
			t.Errorf("waitWords(%v) = %q, want %q", d, got, want)
		}
	}
}
