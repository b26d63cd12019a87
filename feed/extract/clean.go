package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nyss/feed/htmltext"
	"nyss/feed/sanitize"
)

// codeTags hold programs, embedded documents, form controls or drawings,
// never article text: they go with everything inside them, before anything
// else looks at the page.
var codeTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Frame: true, atom.Frameset: true, atom.Object: true,
	atom.Embed: true, atom.Applet: true, atom.Svg: true, atom.Canvas: true,
	atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true,
	atom.Datalist: true, atom.Dialog: true,
}

var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// removeCode removes comments, codeTags and hidden elements everywhere.
// The <head>'s metadata stays for readability to read the publication date
// from: <meta>, and JSON-LD, which is data, not a program.
func removeCode(doc *html.Node) {
	walk(doc, func(n *html.Node) step {
		switch n.Type {
		case html.CommentNode:
			detach(n)
			return skip
		case html.ElementNode:
			if n.DataAtom == atom.Head {
				for _, s := range elements(n, func(e *html.Node) bool { return e.DataAtom == atom.Script }) {
					if !strings.EqualFold(strings.TrimSpace(attr(s, "type")), "application/ld+json") {
						detach(s)
					}
				}
				return skip
			}
			if codeTags[n.DataAtom] || hasAttr(n, "hidden") || isAssistive(n) ||
				attr(n, "aria-hidden") == "true" || hiddenStyle.MatchString(attr(n, "style")) {
				detach(n)
				return skip
			}
		}
		return descend
	})
}

// isAssistive reports text meant only for screen readers, which a page
// hides from the eye with a class: Sitevision's "env-assistive-text" says
// ", öppnas i nytt fönster" inside a link and "Bilden saknar en
// alternativtext." beside an image without one; news sites put "Photo" and
// "Credit" before a caption. Read as text, it is glued to the words around
// it ("CreditKevin Frayer"), so it goes with the code.
func isAssistive(n *html.Node) bool {
	return htmltext.IsAssistive(attr(n, "class"))
}

// furnitureRoles are ARIA roles of page furniture.
var furnitureRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "search": true,
	"menu": true, "menubar": true, "toolbar": true, "dialog": true, "alertdialog": true,
}

// furnitureName matches class and id words of page furniture: cookie
// banners, breadcrumbs, menus, share boxes; furnitureLabel does the same
// for aria-label text. Class names change with every redesign, so these are
// only one of the signs looked for, and they are trusted only on elements
// with little text of their own.
var (
	furnitureName  = regexp.MustCompile(`(?i)cookie|consent|gdpr|breadcrumb|share|social|skip-?link|menu|navigation`)
	furnitureLabel = regexp.MustCompile(`(?i)^(dela|share)\b|kakor|cookie|meny|menu|du är här|breadcrumb|brödsmul`)
)

// shareLabel is the text a share box shows besides its links.
var shareLabel = regexp.MustCompile(`(?i)^(dela|share)(\s+(sidan|artikeln|nyheten|this|this page|on))?\s*:?$`)

// removeFurniture removes navigation, banners, cookie notices, search forms,
// share boxes and footers: everything around the article that is not it.
func removeFurniture(doc *html.Node) {
	walk(doc, func(n *html.Node) step {
		if n.Type == html.ElementNode && isFurniture(n) && !holdsContent(n) {
			detach(n)
			return skip
		}
		return descend
	})
}

func isFurniture(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Head, atom.Body, atom.Main, atom.Article:
		return false
	case atom.Nav, atom.Header, atom.Footer, atom.Form:
		return true
	}
	if furnitureRoles[attr(n, "role")] {
		return true
	}
	named := furnitureName.MatchString(attr(n, "class")+" "+attr(n, "id")) ||
		furnitureLabel.MatchString(strings.TrimSpace(attr(n, "aria-label")))
	if named && ownText(n) < ownTextLimit {
		return true
	}
	return isShareBox(n)
}

// isShareBox recognizes a share box by what it says: links and no other
// text than a label such as "Dela:" or "Share this". A share box is small,
// so only the first few nodes are looked at.
func isShareBox(n *html.Node) bool {
	var label strings.Builder
	hasLink, budget := false, 60
	small := walk(n, func(d *html.Node) step {
		if budget--; budget <= 0 || label.Len() > 100 {
			return stop
		}
		if d.Type == html.ElementNode && d.DataAtom == atom.A {
			hasLink = true
			return skip
		}
		if d.Type == html.TextNode {
			label.WriteString(d.Data)
			label.WriteByte(' ')
		}
		return descend
	})
	return small && hasLink && shareLabel.MatchString(sanitize.Line(label.String()))
}

// ownTextLimit is the most text outside links that furniture (a cookie
// notice, a menu) is expected to have.
const ownTextLimit = 400

// ownText is the length of n's text outside links, up to ownTextLimit;
// an element too large to look through counts as over the limit.
func ownText(n *html.Node) int {
	total, budget := 0, 500
	walk(n, func(d *html.Node) step {
		if budget--; budget <= 0 || total >= ownTextLimit {
			total = max(total, ownTextLimit)
			return stop
		}
		if d.Type == html.ElementNode && d.DataAtom == atom.A {
			return skip
		}
		if d.Type == html.TextNode {
			total += len(strings.TrimSpace(d.Data))
		}
		return descend
	})
	return total
}

// holdsContent reports whether n wraps the article itself, as some sites
// wrap a whole page in a <form> or put the h1 in a <header>: such an element
// is not furniture, only its furniture children are.
func holdsContent(n *html.Node) bool {
	return !walk(n, func(d *html.Node) step {
		if d.Type != html.ElementNode {
			return skip
		}
		if d.DataAtom == atom.Main || d.DataAtom == atom.Article || d.DataAtom == atom.H1 || attr(d, "role") == "main" {
			return stop
		}
		return descend
	})
}

// mainRegion is where the article is: <main>, else the element marked
// role=main, else the body.
func mainRegion(doc *html.Node) *html.Node {
	if m := firstElement(doc, "main"); m != nil {
		return m
	}
	if m := elements(doc, func(n *html.Node) bool { return attr(n, "role") == "main" }); len(m) > 0 {
		return m[0]
	}
	if b := firstElement(doc, "body"); b != nil {
		return b
	}
	return doc
}

// sitevisionClasses mark a Sitevision page's layout and portlets.
var sitevisionClasses = []string{"sv-layout", "sv-text-portlet", "sv-image-portlet"}

// isSitevision reports whether the page is built with Sitevision: its
// <html> carries sv- template classes, or its content sits in sv- portlets.
func isSitevision(doc *html.Node) bool {
	if h := firstElement(doc, "html"); h != nil {
		for _, c := range strings.Fields(attr(h, "class")) {
			if strings.HasPrefix(c, "sv-") {
				return true
			}
		}
	}
	return len(elements(doc, isSitevisionBlock)) > 0
}

func isSitevisionBlock(n *html.Node) bool {
	for _, c := range sitevisionClasses {
		if hasClass(n, c) {
			return true
		}
	}
	return false
}

// isPortlet reports a Sitevision content portlet: text or image.
func isPortlet(n *html.Node) bool {
	return hasClass(n, "sv-text-portlet") || hasClass(n, "sv-image-portlet")
}

// sitevisionContent gathers the article's portlets, in page order, under a
// new element. Before the h1 a Sitevision article has only the back link
// ("Fler nyheter") and the date, so link-only blocks there are dropped.
func sitevisionContent(region, h1 *html.Node) *html.Node {
	if h1 != nil {
		walk(region, func(n *html.Node) step {
			if n == h1 {
				return stop
			}
			if n.Type == html.ElementNode && htmltext.IsBlock(n.DataAtom) && !contains(n, h1) && linkOnly(n) {
				detach(n)
				return skip
			}
			return descend
		})
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	portlets := elements(region, isPortlet)
	if len(portlets) == 0 {
		// Sitevision markup without the usual portlets: the whole region,
		// already cleared of furniture.
		portlets = []*html.Node{region}
	}
	for _, p := range portlets {
		detach(p)
		root.AppendChild(p)
	}
	return root
}

// relatedHeading is the heading of a page's own related block.
var relatedHeading = regexp.MustCompile(`(?i)^(relaterade (nyheter|artiklar)|related (news|articles|posts|stories))\s*:?$`)

// findRelatedBlock returns the nodes that make up the page's related block,
// found by its heading: the heading's container if the heading leads it
// (<aside><h2>Relaterade nyheter</h2><ul>…</ul></aside>), else the heading
// and the siblings after it up to the next heading of the same rank (when
// the block sits inside other content). nil when the page has none.
func findRelatedBlock(doc *html.Node) []*html.Node {
	headings := elements(doc, func(n *html.Node) bool {
		return isHeading(n) && relatedHeading.MatchString(lineText(n))
	})
	if len(headings) == 0 {
		return nil
	}
	h := headings[0]

	// Climb the wrappers that hold nothing but the heading.
	top := h
	for p := top.Parent; isContainer(p) && firstElementChild(p) == top && !hasLinkOutside(p, h); p = top.Parent {
		top = p
	}
	if p := top.Parent; isContainer(p) && firstElementChild(p) == top {
		return []*html.Node{p}
	}
	block := []*html.Node{top}
	for s := top.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && startsSection(s, headingRank(h)) {
			break
		}
		block = append(block, s)
	}
	return block
}

// isContainer reports whether n may be taken whole as a block: an element
// below the page's main structure.
func isContainer(n *html.Node) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	}
	return attr(n, "role") != "main"
}

func firstElementChild(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil
		}
	}
	return nil
}

func hasLinkOutside(n, except *html.Node) bool {
	links := elements(n, func(d *html.Node) bool { return d.DataAtom == atom.A && !contains(except, d) })
	return len(links) > 0
}

// headingRank is 1 for h1 … 6 for h6; other headings count as h2.
func headingRank(n *html.Node) int {
	if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
		return int(n.Data[1] - '0')
	}
	return 2
}

// startsSection reports whether n is, or begins with, a heading of the given
// rank or higher.
func startsSection(n *html.Node, rank int) bool {
	for ; n != nil; n = firstElementChild(n) {
		if isHeading(n) {
			return headingRank(n) <= rank
		}
	}
	return false
}
