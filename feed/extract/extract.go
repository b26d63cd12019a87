// Package extract turns an article page's HTML into clean Markdown with the
// page's own related-news links, and reads a news listing page as a list of
// items.
//
// It never fetches anything: it reads the bytes it is given, and every string
// it returns has been through nyss/feed/sanitize.
//
// Two extractors exist. The home site (Region Kronoberg) is built with
// Sitevision, whose markup is known, so a rule that keeps the page's text and
// image portlets runs first; any other site goes through readability. Both
// hand their content to the same HTML-to-Markdown conversion, and both find
// the related block the same way: by a heading that says "Relaterade
// nyheter" or "Related news", not by class names that a redesign can change.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"nyss/feed/parse"
)

// Link is one item of a related block or of a news listing.
type Link struct {
	URL       string    // absolute, sanitized
	Title     string    // one line, sanitized
	Teaser    string    // plain text, sanitized ("" if none)
	Published time.Time // zero if none found
}

// Article is what Page finds in an article page.
type Article struct {
	Title     string    // the page's h1 (sanitized one line); "" if none
	Published time.Time // the page's own date if it shows one, else zero
	Markdown  string    // the main content as Markdown, sanitized, with " [n]" after each link to Links[n-1] (see NumberLinks)
	Links     []string  // absolute http(s) URLs of the links (and images) in Markdown, in order of first appearance, deduplicated
	Related   []Link    // the page's own "Relaterade nyheter"/"Related news" block, in page order, same-site links only
	method    string    // "sitevision" or "readability": which extractor ran
}

// The values of Article.method.
const (
	methodSitevision  = "sitevision"
	methodReadability = "readability"
)

// errNoListing is Listing's answer for a page that is not a news listing.
var errNoListing = errors.New("no news listing found")

// errTooDeep is returned for HTML nested deeper than the HTML parser accepts
// (golang.org/x/net/html refuses more than 512 open elements rather than
// risk running out of stack). No real page is nested that deep; such input
// is hostile or broken, so it is refused instead of half-read.
var errTooDeep = errors.New("html nested too deeply to read")

// minListingItems is how many dated items make a page a news listing: one or
// two dated links are common on any page (a sidebar, a "latest news" box).
const minListingItems = 3

// Page extracts the article at pageURL from its HTML, fetched now.
func Page(htmlBytes []byte, pageURL string) (*Article, error) {
	return PageAt(htmlBytes, pageURL, time.Now())
}

// PageAt extracts the article at pageURL from its HTML, fetched at
// fetched: its dates are read as the page's language has them (see
// parse.Site).
func PageAt(htmlBytes []byte, pageURL string, fetched time.Time) (*Article, error) {
	base, err := parsePageURL(pageURL)
	if err != nil {
		return nil, err
	}
	var heavy turn
	defer heavy.done()
	doc, err := parseHTML(htmlBytes, maxElements, &heavy)
	if err != nil {
		return nil, err
	}
	removeCode(doc)
	site := parse.SiteOf(pageLang(doc), fetched)

	art := &Article{}
	if block := findRelatedBlock(doc); block != nil {
		art.Related = readItems(site, block, base, false)
		for _, n := range block {
			detach(n)
		}
	}

	// The page furniture (menus, banners, share boxes) is never article
	// text; without it, the first date on the page is the article's.
	removeFurniture(doc)
	region := mainRegion(doc)
	h1 := firstElement(region, "h1")
	if h1 == nil {
		h1 = firstElement(doc, "h1")
	}
	if h1 != nil {
		art.Title = lineText(h1)
	}
	dateNode, published := findPageDate(site, region)
	art.Published = published
	if dateNode != nil {
		// The date is in Published; the reader prints it with the title.
		detach(dateLine(dateNode, region))
	}

	var content *html.Node
	if isSitevision(doc) {
		content = sitevisionContent(region, h1)
		art.method = methodSitevision
	}
	if h1 != nil {
		detach(h1) // the reader prints the title itself
	}
	md := ""
	if content != nil {
		md, err = toMarkdown(content, base)
		if err != nil {
			return nil, err
		}
	}
	if md == "" {
		// Not Sitevision, or a Sitevision page laid out in a way the rule
		// does not know: readability finds the text by its density.
		var meta time.Time
		content, meta = readableContent(doc, base)
		if art.Published.IsZero() {
			art.Published = meta
		}
		art.method = methodReadability
		if content != nil {
			if md, err = toMarkdown(content, base); err != nil {
				return nil, err
			}
		}
	}
	art.Markdown, art.Links = NumberLinks(md)
	return art, nil
}

// Listing reads a news listing page (repeated blocks of a same-site link with
// a date such as "14 juni 2022" and a teaser) as items, in page order.
// errNoListing when the page has no such blocks (at least 3 blocks needed).
func Listing(htmlBytes []byte, pageURL string) ([]Link, error) {
	return ListingAt(htmlBytes, pageURL, time.Now())
}

// ListingAt is Listing for a page fetched at fetched, which "igår kl.
// 13.00" counts from.
func ListingAt(htmlBytes []byte, pageURL string, fetched time.Time) ([]Link, error) {
	base, err := parsePageURL(pageURL)
	if err != nil {
		return nil, err
	}
	doc, err := parseHTML(htmlBytes, maxListingElements, nil)
	if err != nil {
		return nil, err
	}
	removeCode(doc)
	items := readItems(parse.SiteOf(pageLang(doc), fetched), []*html.Node{doc}, base, true)
	if len(items) < minListingItems {
		return nil, errNoListing
	}
	return items, nil
}

// parsePageURL insists on an absolute web address: every relative link on
// the page is resolved against it and "same site" is judged by its host.
func parsePageURL(pageURL string) (*url.URL, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("extract: page URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("extract: page URL %q is not an absolute http(s) URL", pageURL)
	}
	return u, nil
}

// maxListingElements bounds a listing page, which is read more cheaply
// than an article and may list a few thousand items.
const maxListingElements = 4 * maxElements

// parseHTML parses a whole page of at most maxElements elements, defused
// (see defuse). heavy, when not nil, is given the page's element count
// before parsing and again after (the tree may hold more), to wait its
// turn if the page is heavy. The parser's only failure on in-memory input
// is its nesting limit, which it reports as an error instead of panicking;
// that is surfaced as errTooDeep.
func parseHTML(b []byte, maxElements int, heavy *turn) (*html.Node, error) {
	b, elements, err := defuse(toUTF8(b), maxElements)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	heavy.need(elements)
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("extract: %w (%v)", errTooDeep, err)
	}
	// The parser adds elements of its own (a copy of each formatting
	// element still open in every new block): the tree is counted too.
	elements = countElements(doc, maxElements)
	if elements > maxElements {
		return nil, fmt.Errorf("extract: %w: more than %d", errTooManyElements, maxElements)
	}
	heavy.need(elements)
	return doc, nil
}

// countElements counts the elements under root, stopping past limit.
func countElements(root *html.Node, limit int) int {
	n := 0
	walk(root, func(d *html.Node) step {
		if d.Type == html.ElementNode {
			if n++; n > limit {
				return stop
			}
		}
		return descend
	})
	return n
}

// toUTF8 decodes a page that is not UTF-8, as parse.ToUTF8 does a feed. The
// HTML parser reads only UTF-8, and old sites write Latin-1 or windows-1252.
// The charset the page names in a byte-order mark or a <meta> is the
// declared one; DetermineEncoding's own guesses (UTF-8, else windows-1252)
// are ToUTF8's too, so they are left to it.
func toUTF8(b []byte) []byte {
	declared := ""
	if _, name, _ := charset.DetermineEncoding(b, ""); name != "utf-8" && name != "windows-1252" {
		declared = name
	}
	return parse.ToUTF8(b, declared)
}

// pageLang is the language the page says it is in: <html lang="sv">.
func pageLang(doc *html.Node) string {
	if h := firstElement(doc, "html"); h != nil {
		return attr(h, "lang")
	}
	return ""
}
