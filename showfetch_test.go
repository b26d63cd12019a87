package main

import (
	"errors"
	"net/http"
	"testing"

	"nyss/feed/demosite"
)

// show fetches what the user typed and nothing else: an address that is no
// web page is refused without a request, and one that fails is one line.
func TestShowFetchesOnlyTheAddressTyped(t *testing.T) {
	t.Parallel()
	_, e := fixture(t)
	e.mustRun(t, "sync")
	rec := &demosite.Recorder{Next: refusing{}}
	e.transport, e.client = rec, fastClient

	for _, addr := range []string{"file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x"} {
		code, _, errOut := e.nyss(t, "show", addr)
		wantOneLine(t, code, errOut, "is not in the cache")
	}
	if urls := rec.URLs(); len(urls) != 0 {
		t.Errorf("show made requests for addresses that are no web pages: %q", urls)
	}

	const page = "https://www.example.org/nyheter/"
	code, _, errOut := e.nyss(t, "show", page)
	wantOneLine(t, code, errOut, "www.example.org/nyheter/")
	if urls := rec.URLs(); len(urls) == 0 || urls[0] != page {
		t.Errorf("show %s asked for %q", page, urls)
	}
	for _, u := range rec.URLs() {
		if u != page {
			t.Errorf("show %s also asked for %s", page, u)
		}
	}
}

// refusing is a network where every connection is refused.
type refusing struct{}

func (refusing) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("connection refused")
}
