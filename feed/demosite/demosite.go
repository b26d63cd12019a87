// Package demosite serves the bundled copy of Region Kronoberg's news site
// (the files in site/, embedded) the way the real Sitevision server would.
//
// Tests and the program's --demo mode point the whole pipeline at it:
// resolving the feed from the news page, fetching the feed with conditional
// GET, and fetching every article page. It mimics the parts of the real site
// that clients get wrong:
//
//   - the RSS feed lives at a portlet URL whose query holds a ";"
//     (FeedPath); a client that mangles that query gets 404, as it would
//     from the real site;
//   - every response has a strong ETag and a Last-Modified date, so a
//     conditional GET gets 304 Not Modified;
//   - "{{BASE}}" in a file becomes the server's own scheme://host, because
//     feeds carry absolute links and the test server's port is not known in
//     advance.
package demosite

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"
)

// FeedPath is the path+query of the site's RSS feed, exactly as the listing page links it.
const FeedPath = "/4.6f1a0a0e1715c1c7c4e2f54/12.6f1a0a0e1715c1c7c4e2f60.portlet?state=rss&sv.contenttype=text/xml;charset=UTF-8"

// basePlaceholder is replaced by the request's scheme://host in every file served.
const basePlaceholder = "{{BASE}}"

// lastModified is the Last-Modified of every file. It is fixed (the day of the
// newest article) rather than the files' mtime, so that a checkout, an embed
// or a copy never changes what the server says.
var lastModified = time.Date(2022, 11, 22, 15, 25, 0, 0, time.UTC)

// NewsURL is the demo site's news page: the source that --demo reads.
const NewsURL = Origin + "/nyheter/"

// KommunURL is the demo's second source: the RSS feed of Glasbo kommun, an
// invented municipality, with a handful of articles over the same months,
// so that --demo shows sources read together.
const KommunURL = Origin + "/glasbo/rss.xml"

//go:embed site
var embedded embed.FS

// Files is the bundled site: 18 Sitevision-shaped article pages from June
// to November 2022 with their related news, the news listing, and the same
// feed as RSS (also in Latin-1 and windows-1252), Atom and JSON Feed.
func Files() fs.FS {
	sub, err := fs.Sub(embedded, "site")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// New serves the bundled site.
func New() http.Handler { return Handler(Files()) }

// Handler serves the site in fsys (laid out as Files) as the web server of
// the regional site would.
func Handler(fsys fs.FS) http.Handler {
	return &site{fsys: fsys}
}

type site struct {
	fsys fs.FS
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "metoden stöds inte", http.StatusMethodNotAllowed)
		return
	}

	name, ok := fileName(r.URL.Path, r.URL.RawQuery)
	if !ok {
		notFound(w)
		return
	}
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		// A directory asked for without its slash: send the client to the
		// slashed URL, as web servers do, so relative links resolve.
		if info, statErr := fs.Stat(s.fsys, name); statErr == nil && info.IsDir() {
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		notFound(w)
		return
	}

	data = bytes.ReplaceAll(data, []byte(basePlaceholder), []byte(baseURL(r)))

	sum := sha256.Sum256(data)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	w.Header().Set("Content-Type", contentType(name, data))
	// ServeContent answers If-None-Match and If-Modified-Since with 304,
	// handles HEAD and Range, and sets Last-Modified.
	http.ServeContent(w, r, name, lastModified, bytes.NewReader(data))
}

// fileName maps a request to a file in the site. ok is false for the feed
// portlet asked for with a damaged query, and for paths that cannot name a
// file.
func fileName(urlPath, rawQuery string) (name string, ok bool) {
	feedPath, feedQuery, _ := strings.Cut(FeedPath, "?")
	if urlPath == feedPath {
		return "rss.xml", queryIntact(rawQuery, feedQuery)
	}

	name = strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if strings.HasSuffix(urlPath, "/") {
		name = path.Join(name, "index.html") // path.Join drops the empty root
	}
	if name == "" {
		name = "index.html"
	}
	return name, fs.ValidPath(name)
}

// queryIntact reports whether every parameter of want appears, byte for byte,
// in the raw query got. It compares raw text on purpose: url.ParseQuery
// rejects the ";" in Sitevision's sv.contenttype, so a client that round-trips
// the URL through url.Values loses the parameter, and must be caught.
func queryIntact(got, want string) bool {
	have := make(map[string]bool)
	for _, p := range strings.Split(got, "&") {
		have[p] = true
	}
	for _, p := range strings.Split(want, "&") {
		if !have[p] {
			return false
		}
	}
	return true
}

// baseURL is the scheme://host the client used to reach us. The Go server has
// already rejected Host headers with characters that could break out of the
// markup the value is put into.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}

// contentType is the header the real server sends for the file. Feeds that are
// not UTF-8 get no charset parameter: they declare their encoding in the XML
// declaration, and a charset in the header would override it.
func contentType(name string, data []byte) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".json":
		return "application/feed+json"
	case ".xml":
		t := "application/rss+xml"
		if isAtom(data) {
			t = "application/atom+xml"
		}
		if utf8.Valid(data) {
			t += "; charset=utf-8"
		}
		return t
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// isAtom reports whether an XML document's root element is Atom's <feed>.
// The root comes within the first few hundred bytes in every file here.
func isAtom(data []byte) bool {
	head := data[:min(len(data), 512)]
	return bytes.Contains(head, []byte("<feed"))
}

const notFoundPage = `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Sidan kunde inte hittas - Region Kronoberg</title>
</head>
<body>
<main id="huvudinnehall">
<h1>Sidan kunde inte hittas</h1>
<p>Sidan du söker finns inte, eller så har den flyttats. Gå till <a href="/">startsidan</a> eller till <a href="/nyheter/">nyheterna</a>.</p>
</main>
</body>
</html>
`

func notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(notFoundPage))
}
