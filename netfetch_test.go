package main

// A fetch has one deadline for all its attempts: what a person at the
// terminal waits for `nyss sync` when the server does not answer.

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"nyss/feed/fetch"
)

func TestSyncGivesUpOnASilentServerWithinTheBudget(t *testing.T) {
	t.Parallel()
	srv, e := fixture(t)
	e.mustRun(t, "sync")
	before := e.cacheState(t)
	// A budget shorter than one attempt's timeout: the budget alone ends it.
	e.client = fetch.Options{RequestTimeout: 5 * time.Second, FeedBudget: 400 * time.Millisecond, Backoff: time.Millisecond}
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !isFeedRequest(r) {
			return false
		}
		<-r.Context().Done()
		return true
	})

	start := time.Now()
	code, out, errOut := e.nyss(t, "sync")
	took := time.Since(start)

	wantOneLine(t, code, errOut, strings.TrimPrefix(srv.URL, "http://"), "no answer in 400ms")
	if out != "" {
		t.Errorf("a failed sync printed %q", out)
	}
	// Generous: the point is 0.4 s, not 3 × 5 s plus backoff.
	if took < 400*time.Millisecond || took > 3*time.Second {
		t.Errorf("sync took %v with a budget of 400ms", took)
	}
	if e.cacheState(t) != before {
		t.Error("the failed sync changed the cache")
	}
}

// One article page that never answers costs the sync its page budget, not
// the feed's, and the rest of the articles come.
func TestASlowPageCostsThePageBudget(t *testing.T) {
	t.Parallel()
	srv, e := fixture(t)
	e.client = fetch.Options{RequestTimeout: 5 * time.Second, PageBudget: 300 * time.Millisecond, Backoff: time.Millisecond}
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, "delfin") {
			return false
		}
		<-r.Context().Done()
		return true
	})

	start := time.Now()
	out := e.mustRun(t, "sync")
	took := time.Since(start)

	if !strings.Contains(out, "17 fetched") || !strings.Contains(out, "no answer in 300ms") {
		t.Errorf("sync summary:\n%s", out)
	}
	if took > 4*time.Second {
		t.Errorf("sync took %v: the slow page held it past its budget", took)
	}
}
