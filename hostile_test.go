package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"nyss/feed/demosite"
	"nyss/feed/sanitize"
	"nyss/feed/store"
)

// The hardening issue's terminal-injection case, end to end: a feed and its
// article pages whose every string carries a terminal attack are synced
// through the command line, and then every byte that `list`, `list --json`,
// `show`, `search` and the Glamour rendering of `show` write is checked, as
// is what the cache holds.

// attacks are what a hostile feed or page writes into its text to act on the
// terminal that shows it, one per kind the issue names.
var attacks = []struct{ name, raw string }{
	{"CSI clear screen", "\x1b[2J"},
	{"CSI report cursor", "\x1b[6n"},
	{"OSC 52 clipboard write", "\x1b]52;c;cm0gLXJmIH4K\x07"},
	{"OSC 0 window title", "\x1b]0;pwned\x1b\\"},
	{"OSC 8 hyperlink", "\x1b]8;;https://evil.example/\x07klicka\x1b]8;;\x07"},
	{"DCS", "\x1bP+q544e\x1b\\"},
	{"C1 CSI", "\u009b2J"},
	{"C1 OSC", "\u009d0;pwned\u009c"},
	{"BEL", "\a\a"},
	{"backspace", "\b\b\b\b"},
	{"carriage return", "\rFALSK "},
	{"bidi override", "\u202e"},
	{"Markdown links", "[klicka](javascript:alert(1)) <javascript:alert(2)>"},
}

// references writes every control character of s as a numeric character
// reference, decimal and hexadecimal by turns (&#27;, &#x9b;), the way a
// feed or page smuggles controls past a filter that looks for raw bytes.
func references(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case !isTerminalSafe(r) && i%2 == 0:
			fmt.Fprintf(&b, "&#%d;", r)
		case !isTerminalSafe(r):
			fmt.Fprintf(&b, "&#x%x;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isTerminalSafe reports whether a terminal shows r as text: not a C0
// control other than tab and newline, not DEL or a C1 control, and not a
// bidi control that reorders what follows.
func isTerminalSafe(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return true
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return false
	case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		return false
	}
	return true
}

// checkSafe fails t if s holds anything a terminal would act on.
func checkSafe(t *testing.T, where, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8 in %.200q", where, s)
	}
	for i, r := range s {
		if !isTerminalSafe(r) {
			t.Errorf("%s: %U at byte %d: %.120q", where, r, i, s[max(0, i-40):])
			return
		}
	}
}

// hostileSite serves one RSS feed (/feed.xml) with an item per attack and
// per encoding (raw, as references, as escaped references), and each
// item's article page
// (/artikel/N.html). Every title, summary, link, link text, image text and
// related title carries the item's attack.
func hostileSite(t *testing.T) (srv *demosite.Server, payloads []string) {
	t.Helper()
	for _, a := range attacks {
		// Angle brackets are escaped, as they would be to reach the text
		// at all; the controls are left as they are.
		raw := strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(a.raw)
		refs := references(raw)
		// Escaped once more, the references reach the text as "&#27;",
		// which a Markdown renderer would decode.
		payloads = append(payloads, raw, refs, strings.ReplaceAll(refs, "&#", "&amp;#"))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		b.WriteString(`<rss version="2.0"><channel><title>Fientlig ` + payloads[0] + `källa</title><link>` + base + `/</link>` + "\n")
		for n, p := range payloads {
			fmt.Fprintf(&b, `<item>
  <guid isPermaLink="false">nyckel-%d-%s</guid>
  <title>Rubrik %d före %s efter</title>
  <link>%s/artikel/%d.html?x=%s</link>
  <description><![CDATA[<p>Ingress %d före %s efter</p><script>alert("SKRIPTTEXT")</script> [klicka](javascript:alert(1))]]></description>
  <pubDate>Tue, %02d Jun 2022 09:05:00 +0200</pubDate>
</item>
`, n, p, n, p, base, n, p, n, p, n%28+1)
		}
		b.WriteString("</channel></rss>\n")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte(b.String()))
	})
	mux.HandleFunc("/artikel/", func(w http.ResponseWriter, r *http.Request) {
		// The path is all that is read: the attack in the query has been
		// through the sanitizer by the time the link is followed.
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/artikel/"), ".html"))
		if err != nil || n < 0 || n >= len(payloads) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, hostilePage(n, payloads[n], len(payloads)))
	})
	return demosite.Serve(t, mux), payloads
}

// hostilePage is article n with the attack p in every string. Odd articles
// are Sitevision pages and even ones plain HTML, so that both extractors
// (the Sitevision rule and readability) meet every attack.
func hostilePage(n int, p string, total int) string {
	body := fmt.Sprintf(`<p>Brödtext %[1]d före %[2]s efter. Regionen satsar på vården i Kronoberg,
och det här stycket är långt nog för att läsas som artikelns text av vilken extraktor som helst.</p>
<p>Mer text om vårdcentraler, kollektivtrafik och kultur i Växjö, Ljungby och Alvesta, så att
sidan har tydligt innehåll. <a href="/sida/%[1]d?q=%[2]s">länk före %[2]s efter</a> och
<a href="https://example.org/%[2]s">extern länk</a>.</p>
<p>Text som liknar Markdown: [klicka här](javascript:alert(1)) och <b>fet %[2]s text</b>.</p>
<img src="/bild/%[1]d.jpg" alt="bild före %[2]s efter">`, n, p)
	related := fmt.Sprintf(`<aside><h2>Relaterade nyheter</h2><ul>
<li><a href="/artikel/%d.html">Relaterad före %s efter</a><p>14 juni 2022</p></li>
</ul></aside>`, (n+1)%total, p)
	if n%2 == 1 {
		return fmt.Sprintf(`<!DOCTYPE html><html lang="sv" class="sv-no-js"><head><title>Sida %[1]d %[2]s</title></head>
<body><main id="content">
<h1 class="heading">Artikel %[1]d före %[2]s efter</h1>
<p class="date">14 juni 2022</p>
<div class="sv-text-portlet"><div class="sv-text-portlet-content">%[3]s</div></div>
%[4]s
</main></body></html>`, n, p, body, related)
	}
	return fmt.Sprintf(`<!DOCTYPE html><html lang="sv"><head><title>Sida %[1]d %[2]s</title>
<meta property="og:title" content="Artikel %[1]d %[2]s"></head>
<body><nav><a href="/">Start %[2]s</a></nav><main><article>
<h1>Artikel %[1]d före %[2]s efter</h1>
<time datetime="2022-06-14T09:05:00+02:00">14 juni 2022</time>
%[3]s
</article>%[4]s</main></body></html>`, n, p, body, related)
}

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	t.Parallel()
	srv, payloads := hostileSite(t)
	feedURL := srv.URL + "/feed.xml"
	cache := filepath.Join(t.TempDir(), "cache.db")
	e := newEnv()
	cli := func(args ...string) string {
		t.Helper()
		args = append(args, "--feed", feedURL, "--cache", cache)
		code, out, errOut := e.nyss(t, args...)
		if code != 0 {
			t.Fatalf("nyss %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		checkSafe(t, "stderr of nyss "+args[0], errOut)
		if strings.ContainsRune(out, 0x1b) {
			t.Errorf("nyss %s (piped) wrote an ESC: %.200q", args[0], out)
		}
		checkSafe(t, "nyss "+strings.Join(args[:len(args)-4], " "), out)
		return out
	}

	report := cli("sync")
	if !strings.Contains(report, fmt.Sprintf("%d new", len(payloads))) || !strings.Contains(report, "0 failed") {
		t.Errorf("sync report:\n%s", report)
	}

	list := cli("list")
	if n := strings.Count(list, "Rubrik "); n != len(payloads) {
		t.Errorf("list shows %d headlines, want %d:\n%s", n, len(payloads), list)
	}
	// JSON escapes controls (\u001b), so the bytes are safe either way; the
	// strings a script reads out of it must be safe too.
	var items []jsonItem
	if err := json.Unmarshal([]byte(cli("list", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != len(payloads) {
		t.Fatalf("list --json has %d items, want %d", len(items), len(payloads))
	}
	for _, it := range items {
		for _, s := range []string{it.Title, it.URL, it.Summary} {
			checkSafe(t, "list --json", s)
		}
		if !strings.HasPrefix(it.URL, srv.URL+"/artikel/") || !it.Cached {
			t.Errorf("item %d: url %q, cached %v", it.ID, it.URL, it.Cached)
		}
		if !strings.Contains(it.Title, "före") || !strings.Contains(it.Summary, "före") {
			t.Errorf("item %d lost its text: %q, %q", it.ID, it.Title, it.Summary)
		}
		if strings.Contains(it.Summary, "SKRIPTTEXT") {
			t.Errorf("item %d: a script's text is in the summary: %q", it.ID, it.Summary)
		}
	}

	if found := cli("search", "före"); strings.Count(found, "Rubrik ") != len(payloads) {
		t.Errorf("search före:\n%s", found)
	}
	var found []jsonItem
	if err := json.Unmarshal([]byte(cli("search", "--json", "rubrik")), &found); err != nil {
		t.Fatal(err)
	}
	for _, it := range found {
		checkSafe(t, "search --json", it.Title+it.URL+it.Summary)
	}

	for _, it := range items {
		md := cli("show", strconv.FormatInt(it.ID, 10))
		if !strings.Contains(md, "Brödtext") || !strings.Contains(md, "## Relaterade nyheter") {
			t.Errorf("show %d lacks the article or its related list:\n%s", it.ID, md)
		}
		if strings.Contains(md, "SKRIPTTEXT") {
			t.Errorf("show %d: a script's text is shown:\n%s", it.ID, md)
		}
		for _, target := range markdownLinks(md) {
			if !isWebAddress(target) {
				t.Errorf("show %d: a Markdown link to %q:\n%s", it.ID, target, md)
			}
		}
		// The terminal path of `show` and the reader render this same
		// Markdown with Glamour.
		for _, style := range []string{styles.DarkStyle, styles.NoTTYStyle} {
			r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(80))
			if err != nil {
				t.Fatal(err)
			}
			out, err := r.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			checkRendered(t, fmt.Sprintf("show %d rendered (%s)", it.ID, style), out)
		}
	}

	// The cache itself holds nothing a terminal would act on, whatever
	// reads it next.
	st, err := store.Open(cache)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src, _, err := st.Source(feedURL)
	if err != nil {
		t.Fatal(err)
	}
	checkSafe(t, "stored source title", src.Title)
	stored, err := st.Items(store.Filter{Sources: []int64{src.ID}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range stored {
		for _, s := range []string{it.Key, it.URL, it.Title, it.Summary} {
			checkSafe(t, "stored item", s)
		}
		a, ok, err := st.Article(it.ID)
		if err != nil || !ok {
			t.Fatalf("article of %d: %v, %v", it.ID, ok, err)
		}
		for _, s := range append([]string{a.URL, a.Title, a.Markdown}, a.Links...) {
			checkSafe(t, "stored article", s)
		}
		if sanitize.Markdown(a.Markdown) != a.Markdown {
			t.Errorf("the stored Markdown holds a reference a renderer decodes into a control: %q", a.Markdown)
		}
		for _, l := range a.Links {
			if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
				t.Errorf("stored link %q is not a web address", l)
			}
		}
		for _, r := range a.Related {
			checkSafe(t, "stored related", r.URL+r.Title)
		}
	}

}

// ownSequences are the escape sequences Glamour itself writes: SGR colours
// and OSC 8 hyperlinks (ended by BEL). They are the reader's own and fine,
// so long as a hyperlink's target is a web address.
var ownSequences = regexp.MustCompile("\x1b\\[[0-9;:]*m|\x1b\\]8;[^;\x07\x1b]*;([^\x07\x1b]*)\x07")

// checkRendered fails t if rendered output holds any escape sequence but
// Glamour's own, or a hyperlink to anything but an http(s) address.
func checkRendered(t *testing.T, where, out string) {
	t.Helper()
	for _, m := range ownSequences.FindAllStringSubmatch(out, -1) {
		if target := m[1]; target != "" && !isWebAddress(target) {
			t.Errorf("%s: a hyperlink to %q", where, target)
		}
	}
	checkSafe(t, where, ownSequences.ReplaceAllString(out, ""))
}

// jsonItem is what the tests read of `list --json` and `search --json`.
type jsonItem struct {
	ID                  int64
	Title, URL, Summary string
	Cached              bool
}

func isWebAddress(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// markdownLinks returns the targets of md's links, images and autolinks as
// a CommonMark renderer with GitHub's extensions (Glamour's) reads them.
func markdownLinks(md string) []string {
	src := []byte(md)
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	var targets []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.Link:
				targets = append(targets, string(n.Destination))
			case *ast.Image:
				targets = append(targets, string(n.Destination))
			case *ast.AutoLink:
				// An e-mail address, or a web address GFM found in the
				// text (it finds only http, https, ftp and www. ones), is
				// a link by design; <scheme:…> is a link to anything.
				if n.AutoLinkType != ast.AutoLinkEmail && n.Protocol == nil {
					targets = append(targets, string(n.URL(src)))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return targets
}
