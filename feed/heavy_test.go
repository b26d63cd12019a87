//go:build !race

package feed

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// This test extracts eight heavy pages, which takes seconds, and ten times
// as long under the race detector, whose memory use it does not measure
// anyway: it runs without -race only.

// TestHeavyArticlesTakeTurns: a feed of pages that are each under every
// cap but costly to extract (15,000 links) does not multiply that cost by
// the number of workers: the sync's heap stays far under 200 MB.
func TestHeavyArticlesTakeTurns(t *testing.T) {
	s := newHostileSite(t, 8)
	page := articlePage("tung", strings.Repeat(`<a href="/l">länk</a> `, 15_000))
	for i := range s.n {
		s.route(fmt.Sprintf("/a/%d.html", i), func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) })
	}
	e := newEngine(t)
	e.Workers = 8
	var rep *Report
	var err error
	peak := peakHeap(func() { rep, err = e.Sync(context.Background(), s.URL+"/feed.xml", nil) })
	if err != nil || rep.Articles.Fetched != s.n {
		t.Fatalf("sync: %v, %+v", err, rep.Articles)
	}
	if peak > 200<<20 {
		t.Errorf("the heap reached %d MB", peak>>20)
	}
	t.Logf("peak heap in use: %d MB", peak>>20)
}
