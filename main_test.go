package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nyss/feed/demosite"
	"nyss/feed/fetch"
)

// The seams of the in-process runs: a test's transport and client limits.
var (
	transport     http.RoundTripper
	clientOptions fetch.Options
)

// nyss runs the command line in-process, as a user would type it, and
// returns its exit code, stdout and stderr.
func nyss(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), app{stdout: &stdout, stderr: &stderr, getenv: os.Getenv,
		transport: transport, client: clientOptions}, args)
	return code, stdout.String(), stderr.String()
}

// fixture serves the fixture site and points NYSS_FEED and NYSS_CACHE at it
// and at a fresh cache, the way a user's environment would.
func fixture(t *testing.T, fault func(http.ResponseWriter, *http.Request) bool) *httptest.Server {
	t.Helper()
	files := demosite.New()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fault == nil || !fault(w, r) {
			files.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	t.Setenv("NYSS_FEED", srv.URL+"/nyheter/")
	t.Setenv("NYSS_CACHE", filepath.Join(t.TempDir(), "cache.db"))
	return srv
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := nyss(t, args...)
	if code != 0 {
		t.Fatalf("nyss %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}
