package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"nyss/feed/demosite"
)

// nyss runs the command line in-process, as a user would type it, and
// returns its exit code, stdout and stderr.
func nyss(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
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

func TestSyncThenReadTheCache(t *testing.T) {
	fixture(t, nil)

	out := mustRun(t, "sync")
	if !strings.Contains(out, "18 new, 0 updated, 0 unchanged") || !strings.Contains(out, "18 fetched") {
		t.Errorf("sync summary:\n%s", out)
	}

	var items []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "list", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 18 {
		t.Fatalf("list --json: %d items", len(items))
	}
	for _, field := range []string{"id", "title", "url", "published", "month", "summary", "cached", "read"} {
		if _, ok := items[0][field]; !ok {
			t.Errorf("list --json lacks %q", field)
		}
	}
	if items[0]["title"] != "Regionerna och Linnéuniversitetet i fortsatt samverkan för att möta framtidens utmaningar" ||
		items[0]["published"] != "2022-11-22T10:30:00+01:00" && !strings.HasPrefix(items[0]["published"].(string), "2022-11-22") {
		t.Errorf("newest item %v", items[0])
	}

	october := mustRun(t, "list", "--month", "2022-10")
	if n := strings.Count(october, "\n"); n != 5 || !strings.Contains(october, "20 oktober 2022") {
		t.Errorf("list --month 2022-10 (%d lines):\n%s", n, october)
	}

	var months []struct {
		Month string
		Count int
	}
	if err := json.Unmarshal([]byte(mustRun(t, "months", "--json")), &months); err != nil {
		t.Fatal(err)
	}
	if len(months) < 5 || months[0].Month != "2022-11" || months[0].Count != 5 {
		t.Errorf("months: %+v", months)
	}

	found := mustRun(t, "search", "växjö")
	if !strings.Contains(found, "Regionerna och Linnéuniversitetet") && found == "" {
		t.Errorf("search växjö found nothing")
	}
	if upper := mustRun(t, "search", "VÄXJÖ"); upper != found {
		t.Errorf("search VÄXJÖ differs from växjö:\n%s\n%s", upper, found)
	}
}

func TestShowPrintsTheArticleWithItsRelatedNews(t *testing.T) {
	srv := fixture(t, nil)
	mustRun(t, "sync")
	url := srv.URL + "/nyheter/2022-06-14-uppstartskonferens-for-industriforum-i-kronoberg.html"

	out := mustRun(t, "show", url)

	for _, want := range []string{
		"# Uppstartskonferens för Industriforum i Kronoberg",
		"14 juni 2022 · " + url,
		"## Nationellt uppdrag",
		"## Relaterade nyheter",
		"- 22 november 2022 — Regionerna och Linnéuniversitetet",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q", want)
		}
	}
	if strings.ContainsRune(out, 0x1b) {
		t.Error("piped show output holds an escape sequence")
	}
}

func TestOfflineNeverOpensASocket(t *testing.T) {
	fixture(t, func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "delfin") {
			http.Error(w, "Sidan kunde inte hittas", http.StatusNotFound)
			return true
		}
		return false
	})
	mustRun(t, "sync")
	id := uncachedID(t)

	transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		t.Errorf("--offline made a request to %s", r.URL)
		return nil, http.ErrHandlerTimeout
	})
	t.Cleanup(func() { transport = nil })

	mustRun(t, "list", "--offline")
	mustRun(t, "months", "--offline")
	mustRun(t, "search", "--offline", "industri")
	out := mustRun(t, "show", id, "--offline")
	if !strings.Contains(out, "offline") || !strings.Contains(out, "plastslöjd") {
		t.Errorf("offline show of an uncached article should give the summary and say why:\n%s", out)
	}
	if code, _, errOut := nyss(t, "sync", "--offline"); code != 1 || !strings.HasPrefix(errOut, "nyss: ") {
		t.Errorf("sync --offline: exit %d, %q", code, errOut)
	}
}

// uncachedID is the ID of the one listed item whose article is not stored.
func uncachedID(t *testing.T) string {
	t.Helper()
	var items []struct {
		ID     int64
		Cached bool
	}
	if err := json.Unmarshal([]byte(mustRun(t, "list", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if !it.Cached {
			return strconv.FormatInt(it.ID, 10)
		}
	}
	t.Fatal("every article is cached")
	return ""
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNetworkFailureFallsBackToTheCache(t *testing.T) {
	srv := fixture(t, func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "delfin") {
			http.Error(w, "Sidan kunde inte hittas", http.StatusNotFound)
			return true
		}
		return false
	})
	out := mustRun(t, "sync")
	if !strings.Contains(out, "1 failed") || !strings.Contains(out, "404") {
		t.Errorf("sync with one 404 should exit 0 and say why:\n%s", out)
	}
	url := srv.URL + "/nyheter/2022-11-14-delfin-fran-alvesta-stalls-ut-pa-tekniska-museet.html"
	srv.Close() // the network goes away

	code, out, errOut := nyss(t, "show", url)
	if code != 0 || !strings.Contains(out, "plastslöjd") {
		t.Errorf("show without network: exit %d, want the feed's summary:\n%s", code, out)
	}
	if lines := strings.Count(errOut, "\n"); lines != 1 || !strings.HasPrefix(errOut, "nyss: ") || !strings.Contains(errOut, "cached summary") {
		t.Errorf("stderr should be one line saying it fell back: %q", errOut)
	}
}

func TestErrorsAndUsage(t *testing.T) {
	fixture(t, nil)
	tests := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"list"}, 1, "nothing cached"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"list", "--month", "2022-13"}, 2, "YYYY-MM"},
		{[]string{"show"}, 2, "takes 1 argument"},
		{[]string{"list", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"sync", "--feed", "http://127.0.0.1:1/"}, 1, "127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := nyss(t, tt.args...)
			first, _, _ := strings.Cut(errOut, "\n")
			if code != tt.code || !strings.HasPrefix(first, "nyss: ") || !strings.Contains(first, tt.says) {
				t.Errorf("exit %d, stderr %q; want exit %d and a line with %q", code, errOut, tt.code, tt.says)
			}
		})
	}
	if code, out, _ := nyss(t, "--help"); code != 0 || !strings.Contains(out, "nyss search QUERY") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	if code, out, _ := nyss(t, "--version"); code != 0 || !strings.HasPrefix(out, "nyss ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}
