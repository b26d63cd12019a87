package demosite_test

import (
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // months are counted in Europe/Stockholm, on any machine
	"unicode/utf8"

	"nyss/feed/demosite"
)

var siteFS = demosite.Files()

// get fetches path (with its query, untouched) from srv.
func get(t *testing.T, srv *demosite.Server, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func mediaType(t *testing.T, resp *http.Response) (string, map[string]string) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", resp.Header.Get("Content-Type"), err)
	}
	return mt, params
}

type rssItem struct {
	Title   string `xml:"title"`
	Link    string `xml:"link"`
	PubDate string `xml:"pubDate"`
	GUID    string `xml:"guid"`
}

func parseRSS(t *testing.T, data []byte) []rssItem {
	t.Helper()
	var doc struct {
		Items []rssItem `xml:"channel>item"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("rss: %v", err)
	}
	return doc.Items
}

func TestFeedItemLinksResolveToArticlePages(t *testing.T) {
	srv := demosite.StartServer(t)
	resp, body := get(t, srv, demosite.FeedPath)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("feed: status %d", resp.StatusCode)
	}
	items := parseRSS(t, body)
	if len(items) < 15 {
		t.Fatalf("feed has %d items, want at least 15", len(items))
	}
	for _, it := range items {
		path, ok := strings.CutPrefix(it.Link, srv.URL)
		if !ok {
			t.Errorf("%q: link %q is not on this server", it.Title, it.Link)
			continue
		}
		resp, page := get(t, srv, path)
		if mt, _ := mediaType(t, resp); resp.StatusCode != http.StatusOK || mt != "text/html" {
			t.Errorf("%s: status %d, type %s", path, resp.StatusCode, mt)
			continue
		}
		h1 := "<h1 class=\"heading\">" + html.EscapeString(it.Title) + "</h1>"
		if !bytes.Contains(page, []byte(h1)) {
			t.Errorf("%s: page does not have the feed's title %q as its h1", path, it.Title)
		}
	}
}

func TestFeedURLNeedsItsQueryIntact(t *testing.T) {
	srv := demosite.StartServer(t)
	portlet, _, _ := strings.Cut(demosite.FeedPath, "?")
	tests := []struct {
		name, path string
		want       int
	}{
		{"as linked", demosite.FeedPath, http.StatusOK},
		{"parameters reordered", portlet + "?sv.contenttype=text/xml;charset=UTF-8&state=rss", http.StatusOK},
		{"semicolon stripped", strings.Replace(demosite.FeedPath, ";", "", 1), http.StatusNotFound},
		{"contenttype dropped, as url.Values does", portlet + "?state=rss", http.StatusNotFound},
		{"no query", portlet, http.StatusNotFound},
		{"the file itself", "/rss.xml", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := get(t, srv, tt.path)
			if resp.StatusCode != tt.want {
				t.Fatalf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.want)
			}
			if tt.want == http.StatusOK {
				if mt, _ := mediaType(t, resp); mt != "application/rss+xml" {
					t.Errorf("type %s, want application/rss+xml", mt)
				}
			}
		})
	}
}

func TestListingLinksTheFeedExactly(t *testing.T) {
	srv := demosite.StartServer(t)
	alternate := regexp.MustCompile(`<link rel="alternate" type="application/rss\+xml"[^>]* href="([^"]+)"`)
	tests := []struct {
		path     string
		wantLink bool
	}{
		{"/nyheter/", true},
		{"/nyheter/index.html", true},
		{"/nyheter/arkiv.html", false},
		{"/", false},
	}
	for _, tt := range tests {
		resp, body := get(t, srv, tt.path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", tt.path, resp.StatusCode)
		}
		m := alternate.FindSubmatch(body)
		switch {
		case tt.wantLink && m == nil:
			t.Errorf("%s: no feed link", tt.path)
		case tt.wantLink && html.UnescapeString(string(m[1])) != demosite.FeedPath:
			t.Errorf("%s: feed link %q, want %q", tt.path, html.UnescapeString(string(m[1])), demosite.FeedPath)
		case !tt.wantLink && m != nil:
			t.Errorf("%s: has a feed link, want none", tt.path)
		}
	}
}

func TestBasePlaceholderIsReplaced(t *testing.T) {
	srv := demosite.StartServer(t)
	err := fs.WalkDir(siteFS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		_, body := get(t, srv, "/"+name)
		if bytes.Contains(body, []byte("{{BASE}}")) {
			t.Errorf("/%s still contains {{BASE}}", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/rss.xml", "/atom.xml", "/feed.json", "/latin1.xml"} {
		if _, body := get(t, srv, path); !bytes.Contains(body, []byte(srv.URL+"/nyheter/")) {
			t.Errorf("%s does not link to %s/nyheter/", path, srv.URL)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	srv := demosite.StartServer(t)
	for _, path := range []string{demosite.FeedPath, "/nyheter/", "/feed.json"} {
		resp, _ := get(t, srv, path)
		etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if !strings.HasPrefix(etag, `"`) || modified == "" {
			t.Fatalf("%s: ETag %q, Last-Modified %q: want a strong ETag and a date", path, etag, modified)
		}
		tests := []struct {
			header, value string
			want          int
		}{
			{"If-None-Match", etag, http.StatusNotModified},
			{"If-None-Match", `"something-else"`, http.StatusOK},
			{"If-Modified-Since", modified, http.StatusNotModified},
			{"If-Modified-Since", "Sat, 01 Jan 2022 00:00:00 GMT", http.StatusOK},
		}
		for _, tt := range tests {
			if resp, _ := get(t, srv, path, tt.header, tt.value); resp.StatusCode != tt.want {
				t.Errorf("%s with %s: %s: status %d, want %d", path, tt.header, tt.value, resp.StatusCode, tt.want)
			}
		}
	}
}

func TestUnknownPathIsSwedish404(t *testing.T) {
	srv := demosite.StartServer(t)
	for _, path := range []string{"/finns-inte", "/nyheter/2022-01-01-finns-inte.html", "/kultur/"} {
		resp, body := get(t, srv, path)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, resp.StatusCode)
		}
		if !bytes.Contains(body, []byte("Sidan kunde inte hittas")) {
			t.Errorf("GET %s: body is not the Swedish error page", path)
		}
	}
}

func TestDirectoryWithoutSlashRedirects(t *testing.T) {
	srv := demosite.StartServer(t)
	resp, _ := get(t, srv, "/nyheter")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/nyheter/" {
		t.Fatalf("GET /nyheter: status %d, Location %q; want 301 to /nyheter/", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestContentTypes(t *testing.T) {
	srv := demosite.StartServer(t)
	tests := []struct {
		path, mediaType, charset string
	}{
		{"/", "text/html", "utf-8"},
		{"/nyheter/arkiv.html", "text/html", "utf-8"},
		{"/rss.xml", "application/rss+xml", "utf-8"},
		{"/atom.xml", "application/atom+xml", "utf-8"},
		{"/feed.json", "application/feed+json", ""},
		// The legacy feeds say their encoding in the XML declaration only.
		{"/latin1.xml", "application/rss+xml", ""},
		{"/cp1252.xml", "application/rss+xml", ""},
	}
	for _, tt := range tests {
		resp, _ := get(t, srv, tt.path)
		mt, params := mediaType(t, resp)
		if mt != tt.mediaType || !strings.EqualFold(params["charset"], tt.charset) {
			t.Errorf("%s: %q, want %s with charset %q", tt.path, resp.Header.Get("Content-Type"), tt.mediaType, tt.charset)
		}
	}
}

func TestLegacyFeedsAreNotUTF8(t *testing.T) {
	tests := []struct {
		file, declared string
		mustHave       []byte
	}{
		{"latin1.xml", `encoding="ISO-8859-1"`, []byte{0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6}}, // å ä ö Å Ä Ö
		{"cp1252.xml", `encoding="windows-1252"`, []byte{0x94, 0x96}},                       // ” –
	}
	for _, tt := range tests {
		data, err := fs.ReadFile(siteFS, tt.file)
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(data) {
			t.Errorf("%s is valid UTF-8; it must be real legacy bytes", tt.file)
		}
		if !bytes.Contains(data[:100], []byte(tt.declared)) {
			t.Errorf("%s does not declare %s", tt.file, tt.declared)
		}
		for _, b := range tt.mustHave {
			if bytes.IndexByte(data, b) < 0 {
				t.Errorf("%s lacks byte %#x", tt.file, b)
			}
		}
	}
}

// TestFeedFixture pins the cases the rest of the program's tests rely on.
func TestFeedFixture(t *testing.T) {
	data, err := fs.ReadFile(siteFS, "rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	items := parseRSS(t, data)

	guids := make(map[string]int)
	months := make(map[string]bool)
	withoutDate := 0
	for _, it := range items {
		guids[it.GUID]++
		if it.PubDate == "" {
			withoutDate++
			continue
		}
		d, err := time.Parse(time.RFC1123Z, it.PubDate)
		if err != nil {
			d, err = time.Parse(time.RFC1123, it.PubDate) // accepts the single-digit hour too
		}
		if err != nil {
			t.Errorf("%q: pubDate: %v", it.Title, err)
			continue
		}
		months[d.In(stockholm).Format("2006-01")] = true
		if it.PubDate == "Tue, 31 May 2022 23:30:00 +0000" && d.In(stockholm).Month() != time.June {
			t.Errorf("31 May 23:30 UTC should be June in Stockholm")
		}
	}
	if len(guids) < 15 {
		t.Errorf("%d unique guids, want at least 15", len(guids))
	}
	if len(months) < 5 {
		t.Errorf("items span %d months, want at least 5", len(months))
	}
	if withoutDate != 1 {
		t.Errorf("%d items without pubDate, want exactly 1", withoutDate)
	}
	duplicated := 0
	for _, n := range guids {
		if n > 1 {
			duplicated++
		}
	}
	if duplicated != 1 {
		t.Errorf("%d guids appear twice, want exactly 1", duplicated)
	}
	for _, want := range []string{"Tue, 31 May 2022 23:30:00 +0000", "Tue, 14 Jun 2022 9:05:00 GMT", "Tue, 14 Jun 2022 09:05:00 +0200", "&lt;p&gt;"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("rss.xml lacks %q", want)
		}
	}
}

// TestArticlePages checks the Sitevision shape the extractor is written against.
func TestArticlePages(t *testing.T) {
	srv := demosite.StartServer(t)
	pages, err := fs.Glob(siteFS, "nyheter/2022-*.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 15 {
		t.Fatalf("%d article pages, want at least 15", len(pages))
	}
	relatedLink := regexp.MustCompile(`<a class="rk-news-link" href="(/nyheter/[^"]+\.html)"`)
	withoutRelated := 0
	for _, name := range pages {
		data, err := fs.ReadFile(siteFS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{`id="cookieBanner"`, `class="rk-breadcrumbs"`, `<time datetime="`,
			`<h1 class="heading">`, `<p class="ingress">`, `<img src="/images/`, `<h2 class="subheading">`,
			`<ul class="normal">`, `<strong>`, `<em>`, `target="_blank"`, `class="rk-share"`, `class="rk-footer"`} {
			if !bytes.Contains(data, []byte(part)) {
				t.Errorf("%s lacks %s", name, part)
			}
		}
		links := relatedLink.FindAllSubmatch(data, -1)
		if len(links) == 0 {
			withoutRelated++
		}
		for _, m := range links {
			if "/"+name == string(m[1]) {
				t.Errorf("%s lists itself as related", name)
			}
			if resp, _ := get(t, srv, string(m[1])); resp.StatusCode != http.StatusOK {
				t.Errorf("%s: related %s: status %d", name, m[1], resp.StatusCode)
			}
		}
	}
	if withoutRelated != 1 {
		t.Errorf("%d pages without related news, want exactly 1", withoutRelated)
	}
}
