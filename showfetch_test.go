package main

import (
	"testing"

	"nyss/feed/demosite"
)

// An address that is not in the cache is never fetched by show, however it
// is spelled: nyss only fetches the pages of items its feed listed.
func TestShowNeverFetchesAnAddressNotInTheCache(t *testing.T) {
	t.Parallel()
	_, e := fixture(t)
	e.mustRun(t, "sync")
	rec := &demosite.Recorder{}
	e.transport = rec

	for _, addr := range []string{
		"http://169.254.169.254/latest/meta-data/",
		"http://127.0.0.1:1/admin",
		"http://[::1]:1/",
		"file:///etc/passwd",
		"https://www.example.org/nyheter/",
	} {
		code, _, errOut := e.nyss(t, "show", addr)
		wantOneLine(t, code, errOut, "is not in the cache")
	}
	if urls := rec.URLs(); len(urls) != 0 {
		t.Errorf("show made requests: %q", urls)
	}
}
