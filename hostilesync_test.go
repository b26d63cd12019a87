package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"nyss/feed/demosite"
)

// TestHostileSyncSaysWhatFailed: what the command line says when a synced
// source turns hostile: one line on stderr for a feed that fails (and the
// cache as it was), a reason for an article that fails (and the rest
// stored).
func TestHostileSyncSaysWhatFailed(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	feedBody, huge := "", false
	srv := demosite.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		body, bigPage := feedBody, huge
		mu.Unlock()
		switch {
		case r.URL.Path == "/feed.xml" && body != "":
			io.WriteString(w, body)
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Nyheter</title>`+
				`<item><guid>1</guid><title>Första</title><link>http://%[1]s/a/1.html</link></item>`+
				`<item><guid>2</guid><title>Andra</title><link>http://%[1]s/a/2.html</link></item></channel></rss>`, r.Host)
		case r.URL.Path == "/a/2.html" && bigPage:
			chunk := strings.Repeat("<p>Växjö</p>", 1000)
			for n := 0; n < 20<<20; n += len(chunk) {
				if _, err := io.WriteString(w, chunk); err != nil {
					return
				}
			}
		default:
			fmt.Fprintf(w, `<html><body><main><h1>Sida %s</h1><p>Brödtext om Kronoberg.</p></main></body></html>`, r.URL.Path)
		}
	}))
	flags := []string{"--feed", srv.URL + "/feed.xml", "--cache", filepath.Join(t.TempDir(), "cache.db")}
	e := newEnv()
	cli := func(args ...string) (int, string, string) {
		return e.nyss(t, append(args, flags...)...)
	}
	if code, _, errOut := cli("sync"); code != 0 {
		t.Fatalf("first sync: %s", errOut)
	}
	_, listed, _ := cli("list", "--json")

	tests := []struct {
		name, feed, says string
	}{
		{"truncated feed", `<rss version="2.0"><channel><title>Nyheter</title><item><title>Hal`, "malformed RSS feed"},
		{"HTML error page", `<!DOCTYPE html><html><body><h1>Internt fel</h1></body></html>`, "is not a feed"},
		{"garbage", "\x1b[2J\x00\xff" + strings.Repeat("skräp ", 1000), "is not a feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			feedBody = tt.feed
			mu.Unlock()
			code, out, errOut := cli("sync")
			if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "nyss: ") || !strings.Contains(errOut, tt.says) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line saying %q", code, out, errOut, tt.says)
			}
			checkSafe(t, "stderr", errOut)
			if _, now, _ := cli("list", "--json"); now != listed {
				t.Errorf("the cache changed:\n%s\nwas\n%s", now, listed)
			}
		})
	}

	t.Run("20 MB article", func(t *testing.T) {
		mu.Lock()
		feedBody, huge = "", true
		mu.Unlock()
		// A new item makes the sync fetch its page.
		flags[1] = srv.URL + "/feed.xml?ny"
		code, out, errOut := cli("sync")
		if code != 0 || !strings.Contains(out, "1 fetched") || !strings.Contains(out, "1 failed") ||
			!regexp.MustCompile(`(?m)^  failed: \S+/a/2\.html: .*larger than the 5 MB limit$`).MatchString(out) {
			t.Errorf("exit %d, stdout:\n%s\nstderr: %s", code, out, errOut)
		}
	})
}
