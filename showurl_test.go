package main

// nyss show URL for a page that no feed lists: fetched, extracted and
// shown with its related news, kept, and read back offline.

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// servePage serves testdata/pages/NAME at /aktuellt/NAME, as another
// site than the fixture's, and counts the requests.
func servePage(t *testing.T, name string) (url string, hits *int) {
	t.Helper()
	body, err := os.ReadFile("testdata/pages/" + name)
	if err != nil {
		t.Fatal(err)
	}
	hits = new(int)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/aktuellt/"+name {
			http.NotFound(w, r)
			return
		}
		*hits++
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/aktuellt/" + name, hits
}

func TestShowAnyPageOnlineThenOffline(t *testing.T) {
	t.Parallel()
	_, e := fixture(t)
	url, hits := servePage(t, "bibliotek.html")

	// Before any sync, with no cache file: show makes one.
	online := e.mustRun(t, "show", url)
	for _, want := range []string{
		"Länsbiblioteket öppnar läsecirklar på tre orter",
		"14 juni 2022",
		"Från hösten träffas läsecirklar i Älmhult, Ljungby och Växjö.",
		"Så anmäler du dig",
		"Relaterade nyheter",
		"Sommarläsning för barn börjar på måndag",
		"Nya öppettider på biblioteket i Ljungby",
	} {
		if !strings.Contains(online, want) {
			t.Errorf("show %s does not say %q:\n%s", url, want, online)
		}
	}
	if strings.Contains(online, "öppnas i nytt fönster") {
		t.Errorf("assistive text in the article:\n%s", online)
	}

	offline := e.mustRun(t, "--offline", "show", url)
	if offline != online {
		t.Errorf("offline, show says\n%s\nonline it said\n%s", offline, online)
	}
	if *hits != 1 {
		t.Errorf("the page was fetched %d times, want once", *hits)
	}

	// The page is kept, but it is not news: the list of the feed does
	// not show it, after a sync as before.
	e.mustRun(t, "sync")
	for _, cmd := range [][]string{{"list"}, {"list", "--json"}, {"search", "läsecirklar"}} {
		code, out, _ := e.nyss(t, cmd...)
		if strings.Contains(out, "Länsbiblioteket") {
			t.Errorf("nyss %s shows the page (exit %d):\n%s", strings.Join(cmd, " "), code, out)
		}
	}
}

// A page on the site of a source the cache holds is kept under that
// source: it is one of its articles that the feed did not list.
func TestShowAPageOfTheSourcesSite(t *testing.T) {
	t.Parallel()
	srv, e := fixture(t)
	e.mustRun(t, "sync")
	body, err := os.ReadFile("testdata/pages/bibliotek.html")
	if err != nil {
		t.Fatal(err)
	}
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/nyheter/lasecirklar.html" {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
		return true
	})
	url := srv.URL + "/nyheter/lasecirklar.html"

	e.mustRun(t, "show", url)
	if list := e.mustRun(t, "list"); !strings.Contains(list, "Länsbiblioteket öppnar läsecirklar") {
		t.Errorf("the page is not listed with its site's news:\n%s", list)
	}
	if out := e.mustRun(t, "--offline", "show", url); !strings.Contains(out, "Så anmäler du dig") {
		t.Errorf("offline:\n%s", out)
	}
}

// Offline, a page never fetched is not found: one line, exit 1.
func TestShowOfflineOfAPageNeverFetched(t *testing.T) {
	t.Parallel()
	_, e := fixture(t)
	e.mustRun(t, "sync")
	code, _, errOut := e.nyss(t, "--offline", "show", "https://bibliotek.example.se/aktuellt/x.html")
	wantOneLine(t, code, errOut, "is not in the cache")
}
