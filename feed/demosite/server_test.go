package demosite_test

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"nyss/feed/demosite"
)

func TestServerLogsWhatItWasAsked(t *testing.T) {
	srv := demosite.StartServer(t)
	resp, _ := get(t, srv, demosite.FeedPath)
	get(t, srv, demosite.FeedPath, "If-None-Match", resp.Header.Get("ETag"))
	get(t, srv, "/finns-inte.html")

	want := []demosite.Request{
		{URI: demosite.FeedPath, Status: http.StatusOK},
		{URI: demosite.FeedPath, IfNoneMatch: resp.Header.Get("ETag"), Status: http.StatusNotModified},
		{URI: "/finns-inte.html", Status: http.StatusNotFound},
	}
	if got := srv.Requests(); !slices.Equal(got, want) {
		t.Errorf("log %+v, want %+v", got, want)
	}
	if got := srv.Requests(); len(got) != 0 {
		t.Errorf("the log was not forgotten: %+v", got)
	}
	if srv.NewsURL() != srv.URL+"/nyheter/" {
		t.Errorf("NewsURL %q", srv.NewsURL())
	}
}

func TestServerFault(t *testing.T) {
	srv := demosite.StartServer(t)
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case strings.HasPrefix(r.URL.Path, "/nyheter/"):
			w.WriteHeader(http.StatusServiceUnavailable)
			w.(http.Flusher).Flush() // a fault may dribble its body
			io.WriteString(w, "upptagen")
		case r.URL.Path == "/avbruten":
			conn, _, err := w.(http.Hijacker).Hijack() // or drop the connection
			if err != nil {
				t.Error(err)
				return false
			}
			conn.Close()
		default:
			return false
		}
		return true
	})
	if resp, body := get(t, srv, "/nyheter/"); resp.StatusCode != http.StatusServiceUnavailable || string(body) != "upptagen" {
		t.Errorf("with the fault: %s %q", resp.Status, body)
	}
	if resp, _ := get(t, srv, "/rss.xml"); resp.StatusCode != http.StatusOK {
		t.Errorf("a request the fault lets through: %s", resp.Status)
	}
	if resp, err := http.Get(srv.URL + "/avbruten"); err == nil {
		resp.Body.Close()
		t.Errorf("a dropped connection answered %s", resp.Status)
	}
	srv.SetFault(nil)
	if resp, _ := get(t, srv, "/nyheter/"); resp.StatusCode != http.StatusOK {
		t.Errorf("without the fault: %s", resp.Status)
	}
	// The log has what the fault answered as well as what the site did,
	// and 0 for a connection the fault took over (which the client may
	// have tried twice).
	statuses := map[string][]int{}
	for _, r := range srv.Requests() {
		statuses[r.URI] = append(statuses[r.URI], r.Status)
	}
	if got, want := statuses["/nyheter/"], []int{http.StatusServiceUnavailable, http.StatusOK}; !slices.Equal(got, want) {
		t.Errorf("statuses of /nyheter/ %v, want %v", got, want)
	}
	if got := statuses["/avbruten"]; len(got) == 0 || slices.ContainsFunc(got, func(s int) bool { return s != 0 }) {
		t.Errorf("statuses of /avbruten %v, want 0", got)
	}
}

func TestRecorderNotesEveryAddress(t *testing.T) {
	srv := demosite.StartServer(t)
	rec := &demosite.Recorder{}
	client := &http.Client{Transport: rec}
	resp, err := client.Get(srv.NewsURL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if _, err := client.Get("http://127.0.0.1:1/"); err == nil {
		t.Error("a request to a closed port went through")
	}
	if got, want := rec.URLs(), []string{srv.NewsURL(), "http://127.0.0.1:1/"}; !slices.Equal(got, want) {
		t.Errorf("noted %q, want %q", got, want)
	}
}
