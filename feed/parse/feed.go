package parse

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"nyss/feed/sanitize"
)

// Feed is a parsed feed: every string in it is sanitized plain text or a
// sanitized absolute URL.
type Feed struct {
	Title string
	Link  string // the feed's site link, absolute
	Items []Item // in feed order, duplicates (same Key) removed keeping the first
}

// Item is one entry of a feed.
type Item struct {
	Key       string    // identity: the guid, else the absolute link (never the date)
	URL       string    // absolute, sanitized (sanitize.URL); "" if none
	Title     string    // plain text, one line (sanitize.Line)
	Summary   string    // plain text, paragraphs separated by blank lines, trimmed
	Published time.Time // zero when the item has no date: never the fetch time
}

// ErrNotFeed is wrapped by the error ParseFeed returns for bytes that are no
// feed at all, such as an HTML page: the caller may then look in the page for
// a feed link or a news listing.
var ErrNotFeed = errors.New("not a feed")

// detectionWindow is how much of the body gofeed looks at to find the root
// element; IsFeed looks at the same so that both agree.
const detectionWindow = 4096

// ParseFeed parses RSS, Atom (with xml:base) or JSON Feed bytes. contentType
// is the HTTP Content-Type (may carry a charset); baseURL is the URL the bytes
// came from, used to resolve relative links.
//
// An HTML page or garbage returns an error wrapping ErrNotFeed; malformed XML
// returns an error saying what is wrong and where.
func ParseFeed(body []byte, contentType, baseURL string) (*Feed, error) {
	return ParseFeedAt(body, contentType, baseURL, time.Now())
}

// ParseFeedAt is ParseFeed for bytes fetched at fetched: dates such as
// "igår kl. 13.00" count from it, and a feed in Swedish has its times
// without a zone read as Stockholm time (see Site).
func ParseFeedAt(body []byte, contentType, baseURL string, fetched time.Time) (*Feed, error) {
	body = protectControls(toUTF8(body, contentType))
	kind := detect(body)
	if kind == gofeed.FeedTypeUnknown {
		return nil, notFeed(body)
	}
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, notFeed(body)
		}
		return nil, fmt.Errorf("malformed %s feed: %w", kindName[kind], err)
	}
	base, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil || !base.IsAbs() {
		base = nil // links that are already absolute still resolve
	}
	return convert(gf, base, SiteOf(gf.Language, fetched)), nil
}

// IsFeed reports whether body looks like a feed (RSS/Atom/RDF XML root or
// JSON Feed) rather than HTML.
func IsFeed(body []byte, contentType string) bool {
	return detect(protectControls(toUTF8(body, contentType))) != gofeed.FeedTypeUnknown
}

var kindName = map[gofeed.FeedType]string{
	gofeed.FeedTypeRSS:  "RSS",
	gofeed.FeedTypeAtom: "Atom",
	gofeed.FeedTypeJSON: "JSON",
}

// detect is gofeed's detection, made stricter for JSON: any JSON object
// would pass it, but a JSON Feed names its version.
func detect(body []byte) gofeed.FeedType {
	window := body[:min(len(body), detectionWindow)]
	kind := gofeed.DetectFeedType(bytes.NewReader(window))
	if kind == gofeed.FeedTypeJSON {
		var v struct {
			Version string `json:"version"`
		}
		marker := []byte("jsonfeed.org/version/")
		if err := json.Unmarshal(body, &v); err != nil {
			// Broken JSON that names the JSON Feed version is a broken
			// feed, and parsing it will say what is wrong.
			if !bytes.Contains(window, marker) {
				return gofeed.FeedTypeUnknown
			}
		} else if !strings.Contains(v.Version, string(marker)) {
			return gofeed.FeedTypeUnknown
		}
	}
	return kind
}

var htmlStart = regexp.MustCompile(`(?i)^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b`)

func notFeed(body []byte) error {
	if htmlStart.Match(body[:min(len(body), detectionWindow)]) {
		return fmt.Errorf("%w: the document is an HTML page", ErrNotFeed)
	}
	return fmt.Errorf("%w: no RSS, Atom or JSON Feed found", ErrNotFeed)
}

// xmlEncoding finds the encoding an XML prolog declares.
var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']`)

// toUTF8 decodes a feed to UTF-8 (see ToUTF8) by the charset its XML prolog
// declares, else the one of the HTTP Content-Type. A prolog's encoding is
// then rewritten to say UTF-8, so that gofeed does not decode it again, in
// a charset the bytes may never have been in.
func toUTF8(body []byte, contentType string) []byte {
	declared := ""
	if m := xmlEncoding.FindSubmatch(body[:min(len(body), 512)]); m != nil {
		declared = string(m[1])
	} else if _, params, err := mime.ParseMediaType(contentType); err == nil {
		declared = params["charset"]
	}
	body = ToUTF8(body, declared)
	m := xmlEncoding.FindSubmatchIndex(body[:min(len(body), 512)])
	if m == nil || strings.EqualFold(string(body[m[2]:m[3]]), "utf-8") {
		return body
	}
	fixed := make([]byte, 0, len(body))
	fixed = append(fixed, body[:m[2]]...)
	fixed = append(fixed, "UTF-8"...)
	return append(fixed, body[m[3]:]...)
}

// convert turns gofeed's feed into ours: plain sanitized text, absolute
// links, dates in the forms Date knows, and one item per key.
func convert(gf *gofeed.Feed, base *url.URL, site Site) *Feed {
	f := &Feed{
		Title: plainLine(gf.Title),
		Link:  absURL(base, gf.Link),
	}
	seen := make(map[string]bool, len(gf.Items))
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := convertItem(gi, base, site)
		if seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		f.Items = append(f.Items, it)
	}
	return f
}

func convertItem(gi *gofeed.Item, base *url.URL, site Site) Item {
	it := Item{
		Title:     plainLine(gi.Title),
		Published: published(gi, site),
	}
	summary := gi.Description
	if strings.TrimSpace(summary) == "" {
		summary = gi.Content
	}
	it.Summary = plainText(summary)

	// An RSS guid is by default a permalink, so it is the link of last resort.
	for _, link := range append(append([]string{gi.Link}, gi.Links...), gi.GUID) {
		if it.URL = absURL(base, link); it.URL != "" {
			break
		}
	}

	it.Key = sanitize.Line(restoreControls(gi.GUID))
	if it.Key == "" {
		it.Key = it.URL
	}
	if it.Key == "" {
		// Neither guid nor link: the text is all that tells items apart.
		sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Summary))
		it.Key = fmt.Sprintf("sha256:%x", sum[:16])
	}
	return it
}

// published prefers the site's reading of the feed's own string, because
// gofeed reads a date without a zone as UTC where it is the site's local
// time, and falls back to gofeed's parse for the forms Date does not know.
func published(gi *gofeed.Item, site Site) time.Time {
	candidates := []struct {
		raw    string
		parsed *time.Time
	}{
		{gi.Published, gi.PublishedParsed},
		{gi.Updated, gi.UpdatedParsed},
	}
	for _, c := range candidates {
		if t, ok := site.Date(c.raw); ok {
			return t
		}
		if c.parsed == nil || !saneYear(*c.parsed) {
			continue
		}
		t := *c.parsed
		switch {
		case hasZone(c.raw):
		case !strings.Contains(c.raw, ":"):
			// A date alone is noon, as Date reads one.
			t = time.Date(t.Year(), t.Month(), t.Day(), dateOnlyHour, 0, 0, 0, site.loc())
		default:
			// gofeed reads a wall-clock time as UTC; it is the site's.
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), site.loc())
		}
		return t
	}
	return time.Time{}
}

// zoneMark is what gives a date its zone: an offset after the time
// ("+0200", "-07:00", ":-0700", "GMT-0700"), or a lone one ("-07"), a Z
// after the time, or a zone name in capitals ("CEST", "UT"; AM and PM are
// not zones).
var zoneMark = regexp.MustCompile(`:\d{2}(?:\.\d+)?(?:\s*(?:GMT|UTC)|:)?[+-]{1,2}\d|\s[+-]{1,2}\d{2}|\dZ\b|\sZ$|(?:^|[^A-Z])[A-Z]{2,5}\b`)

// hasZone says whether s, a date gofeed has read, says its own zone.
func hasZone(s string) bool {
	for _, m := range zoneMark.FindAllString(s, -1) {
		if m = strings.TrimLeft(m, " ,0123456789"); m != "AM" && m != "PM" {
			return true
		}
	}
	return false
}

// absURL resolves ref against base and sanitizes it; "" when it is no web
// address.
func absURL(base *url.URL, ref string) string {
	ref = sanitize.Line(restoreControls(ref))
	if ref == "" {
		return ""
	}
	if base != nil {
		if u, err := base.Parse(ref); err == nil {
			ref = u.String()
		}
	}
	return sanitize.URL(ref)
}
