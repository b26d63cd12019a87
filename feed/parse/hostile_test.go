package parse

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"nyss/feed/demosite"
)

// Feeds that lie about their charset, and XML built to hurt its parser.

func TestParseFeedWrongCharset(t *testing.T) {
	const title = "Vårdcentralen i Växjö har öppet på lördag"
	latin1, err := charmap.ISO8859_1.NewEncoder().String(title)
	if err != nil {
		t.Fatal(err)
	}
	doc := func(prolog, title string) string {
		return prolog + `<rss version="2.0"><channel><title>` + title + `</title>` +
			`<item><guid>1</guid><title>` + title + `</title><description>` + title + `</description></item></channel></rss>`
	}
	tests := []struct {
		name, body, contentType string
	}{
		{"Latin-1 declared UTF-8 in the prolog", doc(`<?xml version="1.0" encoding="UTF-8"?>`, latin1), "application/rss+xml"},
		{"Latin-1 declared UTF-8 in Content-Type", doc(`<?xml version="1.0"?>`, latin1), "application/rss+xml; charset=utf-8"},
		{"Latin-1 declared UTF-8 in both", doc(`<?xml version="1.0" encoding="utf-8"?>`, latin1), "text/xml; charset=UTF-8"},
		{"Latin-1 declared nowhere", doc("", latin1), ""},
		{"UTF-8 declared ISO-8859-1 in the prolog", doc(`<?xml version="1.0" encoding="ISO-8859-1"?>`, title), "text/xml"},
		{"UTF-8 declared windows-1252 in the prolog", doc(`<?xml version='1.0' encoding='windows-1252'?>`, title), ""},
		{"UTF-8 declared ISO-8859-1 in Content-Type", doc("", title), "text/xml; charset=ISO-8859-1"},
		{"UTF-8 declared nowhere", doc("", title), ""},
		{"UTF-8 declared UTF-16", doc(`<?xml version="1.0" encoding="UTF-16"?>`, title), ""},
		{"Latin-1 declared UTF-16", doc(`<?xml version="1.0" encoding="UTF-16"?>`, latin1), ""},
		{"Latin-1 declared an unknown charset", doc(`<?xml version="1.0" encoding="x-nonsense"?>`, latin1), ""},
		{"UTF-16 with a byte-order mark", utf16(t, doc(`<?xml version="1.0" encoding="UTF-16"?>`, title)), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, tt.body, tt.contentType)
			it := f.Items[0]
			if f.Title != title || it.Title != title || it.Summary != title {
				t.Errorf("read %q, %q, %q; want %q", f.Title, it.Title, it.Summary, title)
			}
		})
	}
}

func utf16(t *testing.T, s string) string {
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name, in, declared, want string
	}{
		{"ASCII", "Kronoberg", "", "Kronoberg"},
		{"UTF-8 believed over a Latin-1 label", "Växjö", "iso-8859-1", "Växjö"},
		{"Latin-1 under its label", "V\xe4xj\xf6", "iso-8859-1", "Växjö"},
		{"Latin-1 claiming UTF-8", "V\xe4xj\xf6", "utf-8", "Växjö"},
		{"windows-1252 quotes undeclared", "\x94Hej\x94 \x96 s\xe5", "", "”Hej” – så"},
		{"UTF-8 with one damaged byte", "Växjö, Älmhult och \xff Ljungby", "", "Växjö, Älmhult och \uFFFD Ljungby"},
		{"byte-order mark", "\xef\xbb\xbfÅsa", "iso-8859-1", "Åsa"},
		{"byte-order mark and a damaged byte", "\xef\xbb\xbf\xe5", "", "\uFFFD"},
		{"KOI8-R under its label", "\xf7\xc5\xd2\xc1", "koi8-r", "Вера"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(ToUTF8([]byte(tt.in), tt.declared))
			if got != tt.want {
				t.Errorf("ToUTF8(%q, %q) = %q, want %q", tt.in, tt.declared, got, tt.want)
			}
		})
	}
}

// TestParseFeedHostileXML: entity expansion and external entities. Go's
// XML decoder reads no DTD at all, so neither can expand or fetch anything;
// these tests keep it that way whatever the parser underneath becomes.
func TestParseFeedHostileXML(t *testing.T) {
	srv := demosite.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<!ENTITY secret "HEMLIGT">`))
	}))

	var laughs strings.Builder
	laughs.WriteString(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">`)
	for i := 1; i <= 9; i++ {
		laughs.WriteString(`<!ENTITY lol` + string(rune('0'+i)) + ` "` + strings.Repeat("&lol"+string(rune('0'+i-1))+";", 10) + `">`)
	}
	laughs.WriteString(`]><rss version="2.0"><channel><title>&lol9;</title><item><guid>1</guid><title>a &lol9; b</title><description>&lol9;</description></item></channel></rss>`)

	withDTD := func(dtd, title string) string {
		return `<?xml version="1.0"?>` + dtd + `<rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>` +
			title + `</title><description>` + title + `</description></item></channel></rss>`
	}
	tests := []struct {
		name, body string
	}{
		{"billion laughs", laughs.String()},
		{"quadratic blow-up", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "` + strings.Repeat("x", 100_000) + `">]>` +
			`<rss version="2.0"><channel><item><guid>1</guid><title>` + strings.Repeat("&a;", 10_000) + `</title></item></channel></rss>`},
		{"XXE file", withDTD(`<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`, "a &xxe; b")},
		{"XXE http", withDTD(`<!DOCTYPE rss [<!ENTITY xxe SYSTEM "`+srv.URL+`/xxe">]>`, "a &xxe; b")},
		{"XXE parameter entity", withDTD(`<!DOCTYPE rss [<!ENTITY % ext SYSTEM "`+srv.URL+`/dtd"> %ext;]>`, "a &secret; b")},
		{"external DTD", withDTD(`<!DOCTYPE rss SYSTEM "`+srv.URL+`/rss.dtd">`, "a &secret; b")},
		{"XInclude", withDTD("", `a <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/> b`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFeed([]byte(tt.body), "application/rss+xml", base)
			if err != nil {
				// Refusing is as good as ignoring, if it says why in a line.
				if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "feed") {
					t.Errorf("error %q is not one clear line", msg)
				}
				return
			}
			for _, it := range f.Items {
				for _, s := range []string{f.Title, it.Title, it.Summary} {
					if len(s) > 1000 || strings.Contains(s, "lollol") || strings.Contains(s, "HEMLIGT") || strings.Contains(s, "root:") {
						t.Errorf("an entity was expanded: %.100q", s)
					}
				}
			}
		})
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("the parser made %d requests for external entities", n)
	}
}

func TestParseFeedDeepNesting(t *testing.T) {
	tests := []struct {
		name, body string
		ok         bool
	}{
		{"10,000 unknown elements in an item", rss(`<item><guid>1</guid><title>Djup</title>` +
			strings.Repeat("<x>", 10_000) + strings.Repeat("</x>", 10_000) + `</item>`), true},
		{"10,000 elements in a title", rss(`<item><guid>1</guid><title>Djup` +
			strings.Repeat("<b>", 10_000) + "text" + strings.Repeat("</b>", 10_000) + `</title></item>`), true},
		{"10,000 escaped elements in a description", rss(`<item><guid>1</guid><title>Djup</title><description>` +
			strings.Repeat("&lt;div&gt;", 10_000) + "text" + `</description></item>`), true},
		{"100,000 elements never closed", rss(`<item><guid>1</guid><title>Djup</title>` + strings.Repeat("<x>", 100_000) + `</item>`), true},
		{"100,000 elements and the end cut off", `<rss version="2.0"><channel><item><guid>1</guid><title>Djup</title>` + strings.Repeat("<x>", 100_000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFeed([]byte(tt.body), "", base)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok %v", err, tt.ok)
			}
			if err == nil && (len(f.Items) != 1 || !strings.HasPrefix(f.Items[0].Title, "Djup")) {
				t.Errorf("items %+v", f.Items)
			}
		})
	}
}

// TestParseFeedOutputIsClean is the invariant FuzzParseFeed checks, on the
// worst inputs written by hand.
func TestParseFeedOutputIsClean(t *testing.T) {
	for _, body := range []string{
		rss("<item><guid>\x1b[2J1</guid><title>&#27;]52;c;QQ==&#7;a\u202e</title><link>java\x1bscript:alert(1)</link></item>"),
		rss("<item><title>\u009d0;x\u009c</title><link>/a b?c=d e</link><description>&amp;#x1b;[6n</description></item>"),
		`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "\u001b[2J", "url": "data:text/html,x", "title": "\u009b6n"}]}`,
	} {
		f, err := ParseFeed([]byte(body), "", base)
		if err != nil {
			t.Fatalf("ParseFeed: %v", err)
		}
		checkFeed(t, f)
	}
}

// checkFeed fails t unless every string of f is the clean text or web
// address the package promises.
func checkFeed(t *testing.T, f *Feed) {
	t.Helper()
	seen := map[string]bool{}
	lines := []string{f.Title}
	urls := []string{f.Link}
	for _, it := range f.Items {
		if it.Key == "" || seen[it.Key] {
			t.Errorf("item key %q is empty or repeated", it.Key)
		}
		seen[it.Key] = true
		lines = append(lines, it.Key, it.Title)
		urls = append(urls, it.URL)
		if !clean(it.Summary) || it.Summary != strings.TrimSpace(it.Summary) {
			t.Errorf("summary %q", it.Summary)
		}
		if !it.Published.IsZero() && (it.Published.Year() < 1900 || it.Published.Year() > 2200) {
			t.Errorf("published %v", it.Published)
		}
	}
	for _, s := range lines {
		if !clean(s) || strings.ContainsAny(s, "\n\t") || s != strings.TrimSpace(s) {
			t.Errorf("one-line field %q", s)
		}
	}
	for _, u := range urls {
		if u != "" && (!clean(u) || !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || strings.ContainsAny(u, " <>\"")) {
			t.Errorf("URL %q", u)
		}
	}
}

// clean reports valid UTF-8 free of controls (tab and newline aside) and
// bidi overrides.
func clean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return false
		}
	}
	return true
}
