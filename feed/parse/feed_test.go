package parse

import (
	"errors"
	"fmt"
	"io/fs"
	"nyss/feed/demosite"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

const base = "https://www.example.se/nyheter/"

// rss wraps items in an RSS 2.0 document.
func rss(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Nyheter</title><link>/nyheter</link><description>Test</description>
` + items + `
</channel></rss>`
}

func mustParse(t *testing.T, body, contentType string) *Feed {
	t.Helper()
	f, err := ParseFeed([]byte(body), contentType, base)
	if err != nil {
		t.Fatalf("ParseFeed: %v", err)
	}
	return f
}

func TestParseFeedRSS(t *testing.T) {
	var items strings.Builder
	for i := 1; i <= 17; i++ {
		date := fmt.Sprintf("<pubDate>Tue, %d Jun 2022 09:05:00 GMT</pubDate>", i)
		if i == 5 {
			date = "" // this item has no date
		}
		fmt.Fprintf(&items, "<item><title>Nyhet %d</title><link>artikel-%d.html</link>"+
			"<guid isPermaLink=\"false\"> id-%d </guid>%s<description>Text %d</description></item>\n",
			i, i, i, date, i)
		if i == 3 {
			// The same guid again, as feeds that republish an item do.
			items.WriteString("<item><title>Nyhet 3, igen</title><guid>id-3</guid>" +
				"<pubDate>Wed, 15 Jun 2022 09:05:00 GMT</pubDate></item>\n")
		}
	}
	f := mustParse(t, rss(items.String()), "application/rss+xml")

	if f.Title != "Nyheter" || f.Link != "https://www.example.se/nyheter" {
		t.Errorf("feed = %q %q", f.Title, f.Link)
	}
	if len(f.Items) != 17 {
		t.Fatalf("got %d items, want 17 (18 less one duplicate guid)", len(f.Items))
	}
	third := f.Items[2]
	if third.Title != "Nyhet 3" || third.Key != "id-3" {
		t.Errorf("duplicate kept %q (key %q), want the first, Nyhet 3 (key id-3)", third.Title, third.Key)
	}
	fifth := f.Items[4]
	if fifth.Title != "Nyhet 5" || !fifth.Published.IsZero() {
		t.Errorf("item 5 = %q published %v, want Nyhet 5 in its place with a zero date", fifth.Title, fifth.Published)
	}
	first := f.Items[0]
	want := Item{
		Key:       "id-1",
		URL:       "https://www.example.se/nyheter/artikel-1.html",
		Title:     "Nyhet 1",
		Summary:   "Text 1",
		Published: time.Date(2022, 6, 1, 9, 5, 0, 0, time.UTC),
	}
	if first.Key != want.Key || first.URL != want.URL || first.Title != want.Title ||
		first.Summary != want.Summary || !first.Published.Equal(want.Published) {
		t.Errorf("first item = %+v\nwant %+v", first, want)
	}
}

func TestParseFeedKey(t *testing.T) {
	tests := []struct {
		name, item, want string
	}{
		{"guid trimmed", "<guid>\n  urn:x:1 \n</guid><link>https://a.se/1</link>", "urn:x:1"},
		{"link without guid", "<link>/nyheter/2</link>", "https://www.example.se/nyheter/2"},
		{"neither: a hash of the text", "<title>T</title><description>D</description>", "sha256:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, rss("<item>"+tt.item+"</item>"), "")
			if got := f.Items[0].Key; !strings.HasPrefix(got, tt.want) {
				t.Errorf("Key = %q, want %q", got, tt.want)
			}
		})
	}

	// The hash depends on the text only, so the next sync finds the same item.
	body := rss("<item><title>T</title><description>D</description></item>")
	if a, b := mustParse(t, body, "").Items[0].Key, mustParse(t, body, "").Items[0].Key; a != b {
		t.Errorf("hash keys differ between parses: %q, %q", a, b)
	}
}

func TestParseFeedSummaryHTML(t *testing.T) {
	tests := []struct {
		name, description, want string
	}{
		{
			"escaped paragraphs and a line break",
			"&lt;p&gt;Första stycket.&lt;/p&gt;&lt;p&gt;Andra&lt;br/&gt;raden.&lt;/p&gt;",
			"Första stycket.\n\nAndra\nraden.",
		},
		{
			"CDATA with script, style and inline tags",
			"<![CDATA[<div><script>alert(1)</script><style>p{}</style><p>Hej <b>du</b> <a href=\"x\">där</a>!</p></div>]]>",
			"Hej du där!",
		},
		{
			"entities decoded",
			"&lt;p&gt;Kronoberg &amp;amp; Blekinge &amp;#8211; &amp;rdquo;bra&amp;rdquo;&amp;nbsp;nu&lt;/p&gt;",
			"Kronoberg & Blekinge – ”bra” nu",
		},
		{
			"lists and headings become paragraphs",
			"<![CDATA[<h2>Rubrik</h2><ul><li>ett</li><li>två</li></ul>]]>",
			"Rubrik\n\nett\n\ntvå",
		},
		{
			"plain text keeps its lines",
			"Rad ett\nrad två\n\n\n\nNytt stycke ",
			"Rad ett\nrad två\n\nNytt stycke",
		},
		{"a lone less-than is text", "a &lt; b", "a < b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, rss("<item><guid>1</guid><description>"+tt.description+"</description></item>"), "")
			if got := f.Items[0].Summary; got != tt.want {
				t.Errorf("Summary = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseFeedTitleControls(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"raw ESC clear screen", "Före\x1b[2J efter", "Före efter"},
		{"OSC 52 clipboard as references", "Före&#27;]52;c;AAAA&#7; efter", "Före efter"},
		{"hex references", "Före&#x1B;[2J efter", "Före efter"},
		{"C1 CSI reference", "Före&#155;6n efter", "Före›6n efter"}, // HTML reads &#155; as ›, never as CSI
		{"raw C1 CSI", "Före\u009b6n efter", "Före efter"},
		{"bidi override", "abc\u202Edef", "abcdef"},
		{"in CDATA", "<![CDATA[Före &#27;[2J efter]]>", "Före efter"},
		{"doubly escaped", "Före &amp;#27;[2J efter", "Före efter"},
		{"NUL reference", "Före&#0; efter", "Före efter"},
		{"newlines fold", "Före\n\n  efter", "Före efter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, rss("<item><guid>1</guid><title>"+tt.title+"</title></item>"), "")
			if got := f.Items[0].Title; got != tt.want {
				t.Errorf("Title = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	tests := []struct {
		name, body string
		notFeed    bool
		message    string
	}{
		{"HTML page", "<!DOCTYPE html><html><head><title>Nyheter</title></head><body><p>Hej</p></body></html>", true, "HTML page"},
		{"XHTML page", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, true, "not a feed"},
		{"garbage", "hello, world", true, "not a feed"},
		{"empty", "", true, "not a feed"},
		{"JSON that is no JSON Feed", `{"items": []}`, true, "not a feed"},
		{"truncated RSS", `<rss version="2.0"><channel><title>x</title><item><title>a</title></item></chan`, false, "malformed RSS feed: XML syntax error on line 1"},
		{"truncated Atom", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title`, false, "malformed Atom feed"},
		{"broken JSON Feed", `{"version": "https://jsonfeed.org/version/1.1", "items": [}`, false, "malformed JSON feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFeed([]byte(tt.body), "", base)
			if err == nil {
				t.Fatalf("ParseFeed = %+v, want an error", f)
			}
			if errors.Is(err, ErrNotFeed) != tt.notFeed {
				t.Errorf("errors.Is(%q, ErrNotFeed) = %v, want %v", err, !tt.notFeed, tt.notFeed)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not say %q", err, tt.message)
			}
		})
	}
}

func TestParseFeedAtomXMLBase(t *testing.T) {
	const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.example.se/nyheter/">
  <title type="html">Nyheter &lt;i&gt;från&lt;/i&gt; regionen</title>
  <link href="/"/>
  <entry xml:base="2022/">
    <id>tag:example.se,2022:1</id>
    <title>Första</title>
    <link rel="alternate" href="juni/forsta.html"/>
    <published>2022-06-14T09:05:00+02:00</published>
    <summary type="html">&lt;p&gt;Kort.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <id>tag:example.se,2022:2</id>
    <title>Andra</title>
    <link href="andra.html"/>
    <updated>2022-06-15T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Hela texten.&lt;/p&gt;</content>
  </entry>
</feed>`
	f := mustParse(t, atom, "application/atom+xml")
	if f.Title != "Nyheter från regionen" || f.Link != "https://www.example.se/" {
		t.Errorf("feed = %q %q", f.Title, f.Link)
	}
	want := []Item{
		{Key: "tag:example.se,2022:1", URL: "https://www.example.se/nyheter/2022/juni/forsta.html",
			Title: "Första", Summary: "Kort.", Published: time.Date(2022, 6, 14, 7, 5, 0, 0, time.UTC)},
		{Key: "tag:example.se,2022:2", URL: "https://www.example.se/nyheter/andra.html",
			Title: "Andra", Summary: "Hela texten.", Published: time.Date(2022, 6, 15, 10, 0, 0, 0, time.UTC)},
	}
	checkItems(t, f.Items, want)
}

func TestParseFeedJSON(t *testing.T) {
	const jsonFeed = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Nyheter",
  "home_page_url": "https://www.example.se/",
  "items": [
    {"id": "1", "url": "/nyheter/ett.html", "title": "Ett &amp; två",
     "content_html": "<p>Stycke ett.</p><p>Stycke två.</p>", "date_published": "2022-06-14T09:05:00Z"},
    {"id": "2", "url": "https://www.example.se/nyheter/tva.html", "title": "Utan datum",
     "summary": "Kort \u001b[2Jtext."}
  ]
}`
	f := mustParse(t, jsonFeed, "application/feed+json")
	if f.Title != "Nyheter" || f.Link != "https://www.example.se/" {
		t.Errorf("feed = %q %q", f.Title, f.Link)
	}
	want := []Item{
		{Key: "1", URL: "https://www.example.se/nyheter/ett.html", Title: "Ett & två",
			Summary: "Stycke ett.\n\nStycke två.", Published: time.Date(2022, 6, 14, 9, 5, 0, 0, time.UTC)},
		{Key: "2", URL: "https://www.example.se/nyheter/tva.html", Title: "Utan datum", Summary: "Kort text."},
	}
	checkItems(t, f.Items, want)
}

func TestParseFeedCharsets(t *testing.T) {
	const title = "Vårdcentralen i Växjö – ”öppet” på lördag"
	latin1 := func(s string) string {
		out, err := charmap.ISO8859_1.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	windows1252 := func(s string) string {
		out, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	const latin1Title = "Vårdcentralen i Växjö har öppet på lördag" // Latin-1 has no – or ”
	doc := func(prolog, title string) string {
		return prolog + `<rss version="2.0"><channel><title>` + title + `</title>` +
			`<item><guid>1</guid><title>` + title + `</title></item></channel></rss>`
	}
	tests := []struct {
		name, body, contentType, want string
	}{
		{"Latin-1 in the prolog", latin1(doc(`<?xml version="1.0" encoding="ISO-8859-1"?>`, latin1Title)), "text/xml", latin1Title},
		{"windows-1252 in the prolog", windows1252(doc(`<?xml version="1.0" encoding="windows-1252"?>`, title)), "application/rss+xml", title},
		{"Latin-1 only in Content-Type", latin1(doc(`<?xml version="1.0"?>`, latin1Title)), "application/rss+xml; charset=ISO-8859-1", latin1Title},
		{"windows-1252 only in Content-Type, no prolog", windows1252(doc("", title)), "text/xml; charset=windows-1252", title},
		{"UTF-8 mislabelled Latin-1 by the server", doc(`<?xml version="1.0"?>`, title), "text/xml; charset=iso-8859-1", title},
		{"undeclared windows-1252", windows1252(doc(`<?xml version="1.0"?>`, title)), "text/xml", title},
		{"UTF-8 with a byte-order mark", "\xef\xbb\xbf" + doc(`<?xml version="1.0" encoding="utf-8"?>`, title), "", title},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, tt.body, tt.contentType)
			if f.Title != tt.want || f.Items[0].Title != tt.want {
				t.Errorf("titles = %q, %q; want %q", f.Title, f.Items[0].Title, tt.want)
			}
		})
	}
}

func TestIsFeed(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{rss(""), true},
		{`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, true},
		{`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>`, true},
		{`{"version": "https://jsonfeed.org/version/1", "items": []}`, true},
		{`<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>`, false},
		{`{"version": "1.0", "items": []}`, false},
		{"", false},
		{"nyheter", false},
	}
	for _, tt := range tests {
		if got := IsFeed([]byte(tt.body), ""); got != tt.want {
			t.Errorf("IsFeed(%.40q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// TestParseFeedSite parses the demo site's feeds, those that have been
// written: every item has a key, a title and a link on the site, and no
// text was decoded in the wrong charset.
func TestParseFeedSite(t *testing.T) {
	const site = "http://127.0.0.1:8080"
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "latin1.xml", "cp1252.xml"} {
		t.Run(name, func(t *testing.T) {
			raw, err := fs.ReadFile(demosite.Files(), name)
			if err != nil {
				t.Fatal(err)
			}
			body := strings.ReplaceAll(string(raw), "{{BASE}}", site)
			f, err := ParseFeed([]byte(body), "", site+"/"+name)
			if err != nil {
				t.Fatal(err)
			}
			if f.Title == "" || len(f.Items) == 0 {
				t.Fatalf("feed %q has %d items", f.Title, len(f.Items))
			}
			for _, it := range f.Items {
				if it.Key == "" || it.Title == "" || !strings.HasPrefix(it.URL, site+"/") {
					t.Errorf("item %+v: want a key, a title and a URL on the site", it)
				}
				if text := it.Title + it.Summary; strings.ContainsAny(text, "\uFFFDÃ") {
					t.Errorf("item %q: text decoded in the wrong charset: %q", it.Key, text)
				}
			}
		})
	}
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(rss("<item><guid>1</guid><title>a&#27;b</title><pubDate>14 juni 2022</pubDate></item>")), "")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="x/"><entry><link href="y"/></entry></feed>`), "")
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"}]}`), "application/feed+json")
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>\xe5</title></channel></rss>"), "")
	f.Add([]byte("<html><body>hej</body></html>"), "text/html; charset=windows-1252")
	f.Add([]byte(rss("<item><title>\x1b]0;x\x07\u009b6n\u202e</title><link>/a b?q=\"x\"</link><guid>\x1b[2J</guid></item>")), "text/xml; charset=utf-8")
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aa"><!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&a;&x;</title></item></channel></rss>`), "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		feed, err := ParseFeed(body, contentType, base)
		if err == nil && feed == nil {
			t.Fatal("nil feed without an error")
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("error is not one line: %q", err)
		}
		if feed != nil {
			checkFeed(t, feed)
		}
		if IsFeed(body, contentType) != (feed != nil || !errors.Is(err, ErrNotFeed)) {
			t.Errorf("IsFeed disagrees with ParseFeed (err %v)", err)
		}
	})
}

func checkItems(t *testing.T, got, want []Item) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Key != w.Key || g.URL != w.URL || g.Title != w.Title || g.Summary != w.Summary || !g.Published.Equal(w.Published) {
			t.Errorf("item %d = %+v\nwant %+v", i, g, w)
		}
	}
}
