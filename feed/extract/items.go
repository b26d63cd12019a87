package extract

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nyss/feed/parse"
	"nyss/feed/sanitize"
)

// readItems is the block reader behind both the related block and the news
// listing. Each distinct same-site link is an item; the item's block is the
// largest element around the link that holds no other same-site link (the
// <li> or <article> of a list), and in that block are its title, date and
// teaser. Blocks are read in page order; a URL counts once. With
// requireDate, links whose block shows no date are not items.
func readItems(site parse.Site, roots []*html.Node, base *url.URL, requireDate bool) []Link {
	r := itemReader{base: base, href: map[*html.Node]string{}, urls: map[*html.Node]urlSet{}}
	isRoot := map[*html.Node]bool{}
	for _, root := range roots {
		isRoot[root] = true
		r.index(root)
	}
	var items []Link
	seen := map[string]bool{}
	// Links to one URL repeated in one block (title, image, "Läs mer")
	// climb to the same block: it is read once.
	tried := map[*html.Node]bool{}
	for _, a := range r.links {
		u := r.href[a]
		if seen[u] {
			continue
		}
		block := a
		for !isRoot[block] && isItemParent(block.Parent) && !r.urls[block.Parent].many {
			block = block.Parent
		}
		if tried[block] {
			continue
		}
		tried[block] = true
		item, ok := readItem(site, block, a, u)
		if !ok || requireDate && item.Published.IsZero() {
			continue
		}
		seen[u] = true
		items = append(items, item)
	}
	return items
}

// urlSet is what an element knows of the same-site links below it: one URL,
// or that there are several (which is all the climb needs to know).
type urlSet struct {
	one  string
	many bool
}

func (s urlSet) add(o urlSet) urlSet {
	switch {
	case s.many || o.many:
		return urlSet{many: true}
	case s.one == "":
		return o
	case o.one == "" || o.one == s.one:
		return s
	}
	return urlSet{many: true}
}

type itemReader struct {
	base  *url.URL
	links []*html.Node          // same-site <a> elements in page order
	href  map[*html.Node]string // their URLs
	urls  map[*html.Node]urlSet // for every element, the links below it
}

// index records every same-site link under n, and below every element the
// URLs of those links, in one pass so that climbing is cheap.
func (r *itemReader) index(n *html.Node) urlSet {
	var set urlSet
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		if u := sameSiteURL(r.base, attr(n, "href")); u != "" {
			r.links = append(r.links, n)
			r.href[n] = u
			set = urlSet{one: u}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			set = set.add(r.index(c))
		}
	}
	r.urls[n] = set
	return set
}

// isItemParent reports whether an item's block may grow into n: not past
// the page's body.
func isItemParent(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom != atom.Body && n.DataAtom != atom.Html
}

// sameSiteURL resolves href against the page and returns it, without its
// fragment, if it is an http(s) link to another page of the same site.
// Hosts compare without a leading "www.".
func sameSiteURL(base *url.URL, href string) string {
	u := resolve(base, href)
	if u == nil || siteHost(u.Host) != siteHost(base.Host) {
		return ""
	}
	page := *base
	page.Fragment, page.RawFragment = "", ""
	if u.String() == page.String() {
		return ""
	}
	return sanitize.URL(u.String())
}

func siteHost(host string) string {
	return strings.TrimPrefix(strings.ToLower(host), "www.")
}

// resolve makes href absolute against base; nil unless the result is an
// http(s) URL. The fragment is dropped.
func resolve(base *url.URL, href string) *url.URL {
	href = cleanHref(href)
	if href == "" {
		return nil
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	u.Fragment, u.RawFragment = "", ""
	return u
}

// cleanHref removes what a browser removes from a link before reading it:
// spaces around it and line breaks and tabs inside it (long URLs are often
// wrapped). Any other control character makes the URL unparsable, and the
// link is dropped.
func cleanHref(href string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, strings.TrimSpace(href))
}

// backLink matches the text of links back to the news list, which are
// navigation, not news.
var backLink = regexp.MustCompile(`(?i)^((fler|alla|se alla|visa alla|tillbaka till( alla)?|till) (nyheter|nyheterna|artiklar|pressmeddelanden)|` +
	`(more|all|back to( all)?)( the)? (news|articles|posts)|tillbaka|back)$`)

// readItem reads one item's title, date and teaser from its block.
func readItem(site parse.Site, block, a *html.Node, u string) (Link, bool) {
	titleNode := itemTitle(block, a)
	title := lineText(titleNode)
	if title == "" {
		if img := firstElement(a, "img"); img != nil {
			title = sanitize.Line(attr(img, "alt"))
		}
	}
	if title == "" || backLink.MatchString(title) {
		return Link{}, false
	}
	dateNode, published := dateIn(site, block, titleNode)
	return Link{
		URL:       u,
		Title:     title,
		Teaser:    teaserIn(site, block, titleNode, dateNode),
		Published: published,
	}, true
}

// itemTitle is the heading inside the link (a card: <a><h3>…</h3><p>…</p></a>),
// else the link itself if it has text, else the block's heading.
func itemTitle(block, a *html.Node) *html.Node {
	if h := elements(a, isHeading); len(h) > 0 {
		return h[0]
	}
	if hasText(a) {
		return a
	}
	if h := elements(block, isHeading); len(h) > 0 {
		return h[0]
	}
	return a
}

// dateIn finds an item's date outside its title: a <time> first, then a
// short line of text that reads as a date.
func dateIn(site parse.Site, block, title *html.Node) (*html.Node, time.Time) {
	var node *html.Node
	var date time.Time
	for _, t := range elements(block, func(n *html.Node) bool { return n.DataAtom == atom.Time }) {
		if contains(title, t) {
			continue
		}
		if d, ok := timeValue(site, t); ok {
			return t, d
		}
	}
	walk(block, func(n *html.Node) step {
		if n == title || n.Type != html.ElementNode || isHeading(n) {
			return skip
		}
		if hasBlockChild(n) {
			return descend
		}
		if s, short := lineTextUpTo(n, maxDateLine); short {
			if d, ok := findDate(site, s); ok {
				node, date = n, d
				return stop
			}
		}
		return skip
	})
	return node, date
}

// teaserIn is the first line of text in the block that is not the title,
// the date or a link.
func teaserIn(site parse.Site, block, title, date *html.Node) string {
	teaser := ""
	walk(block, func(n *html.Node) step {
		if n == title || n.Type != html.ElementNode || isHeading(n) {
			return skip
		}
		if hasBlockChild(n) {
			return descend
		}
		if contains(n, title) || date != nil && (contains(n, date) || contains(date, n)) || linkOnly(n) {
			return skip
		}
		s := lineText(n)
		if _, isDate := site.Date(s); s == "" || isDate {
			return skip
		}
		teaser = s
		return stop
	})
	return teaser
}

// timeValue reads a <time>: its datetime attribute, else its text.
func timeValue(site parse.Site, t *html.Node) (time.Time, bool) {
	if d, ok := site.Date(attr(t, "datetime")); ok {
		return d, true
	}
	return findDate(site, lineText(t))
}

// maxDateLine is the longest text read as a date line. A date inside a
// paragraph ("Den 15 juni 2022 lanseras …") is news text, not the date of
// the page.
const maxDateLine = 60

// dateInText finds a date inside a short line such as "Publicerad 14 juni
// 2022 kl. 09.05" or "Updated: 2022-06-14": Swedish, ISO and English forms.
var dateInText = regexp.MustCompile(`(?i)\d{1,2}\s+\p{L}+\.?\s+\d{4}(?:,?\s+(?:kl\.?\s*)?\d{1,2}[.:]\d{2})?` +
	`|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?` +
	`|\p{L}+\.? \d{1,2}, \d{4}`)

// findDate reads s as a date, or finds one inside it.
func findDate(site parse.Site, s string) (time.Time, bool) {
	if s == "" || len(s) > maxDateLine {
		return time.Time{}, false
	}
	if d, ok := site.Date(s); ok {
		return d, true
	}
	for _, m := range dateInText.FindAllString(s, 3) {
		if d, ok := site.Date(m); ok {
			return d, true
		}
	}
	return time.Time{}, false
}

// findPageDate finds the article's own date: a <time> or a short date line
// in the head of the article, before its first subheading or long
// paragraph (after those, dates are the text's, not the page's). The head
// of an article is a few dozen elements; a page that has no subheading or
// long paragraph in its first pageDateBudget is not searched further, which
// spares a page of a hundred thousand short lines a date parse of each.
func findPageDate(site parse.Site, region *html.Node) (*html.Node, time.Time) {
	var node *html.Node
	var date time.Time
	found := func(n *html.Node, d time.Time) step {
		node, date = n, d
		return stop
	}
	budget := pageDateBudget
	walk(region, func(n *html.Node) step {
		if n.Type != html.ElementNode {
			return skip
		}
		if budget--; budget < 0 {
			return stop
		}
		switch {
		case n.DataAtom == atom.H2:
			return stop
		case isHeading(n):
			return skip
		case n.DataAtom == atom.Time:
			if d, ok := timeValue(site, n); ok {
				return found(n, d)
			}
			return skip
		case hasBlockChild(n):
			return descend
		}
		if t := firstElement(n, "time"); t != nil {
			if d, ok := timeValue(site, t); ok {
				return found(n, d)
			}
		}
		s, short := lineTextUpTo(n, longParagraph)
		if d, ok := findDate(site, s); ok {
			return found(n, d)
		}
		if n.DataAtom == atom.P && !short {
			return stop // the article's text has begun
		}
		return skip
	})
	return node, date
}

// pageDateBudget is how many elements findPageDate looks at.
const pageDateBudget = 500

// longParagraph is how long a paragraph of the article's text is, at least.
const longParagraph = 150

// dateLine widens a date node to its whole line ("Publicerad: 14 juni
// 2022" and the elements wrapped around it) so that no label is left behind,
// stopping before anything with more text or with an image.
func dateLine(n, region *html.Node) *html.Node {
	limit := len(lineText(n)) + 30
	for p := n.Parent; p != nil && p != region && p.Type == html.ElementNode; p = p.Parent {
		if _, short := lineTextUpTo(p, limit); !short || hasMedia(p) {
			break
		}
		n = p
	}
	return n
}

func hasMedia(n *html.Node) bool {
	return len(elements(n, func(d *html.Node) bool {
		return isElement(d, atom.Img, atom.Picture, atom.Video, atom.Audio, atom.Figure, atom.Table)
	})) > 0
}
