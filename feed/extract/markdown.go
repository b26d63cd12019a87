package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nyss/feed/sanitize"
)

// markdownConverter is built once: registering the plugins is the costly
// part, and a Converter is safe for concurrent use.
var markdownConverter = sync.OnceValue(func() *converter.Converter {
	return converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		// Two lists in a row would otherwise be kept apart by an HTML
		// comment, which the reader would show as text.
		commonmark.NewCommonmarkPlugin(commonmark.WithListEndComment(false)),
		strikethrough.NewStrikethroughPlugin(),
		table.NewTablePlugin(),
	))
})

// blankLines are three or more line breaks, with only spaces between them.
var blankLines = regexp.MustCompile(`\n[ \t]*\n(?:[ \t]*\n)+`)

// toMarkdown converts the content under root to sanitized Markdown.
func toMarkdown(root *html.Node, base *url.URL) (md string, err error) {
	prepare(root, base)
	defer func() {
		// The converter is a large third-party state machine; whatever a
		// hostile page does to it must fail this page, not the program.
		if r := recover(); r != nil {
			md, err = "", fmt.Errorf("extract: converting to markdown: %v", r)
		}
	}()
	out, err := markdownConverter().ConvertNode(root, converter.WithDomain(base.String()))
	if err != nil {
		return "", fmt.Errorf("extract: converting to markdown: %w", err)
	}
	// The converter leaves "&#27;" in the text as it is, and a Markdown
	// renderer would decode it into the ESC that sanitize removed.
	md = sanitize.Markdown(string(out))
	md = blankLines.ReplaceAllString(md, "\n\n")
	return strings.TrimSpace(md), nil
}

// keptAttrs are the only attributes left on content elements; everything
// else (classes, styles, event handlers, titles) means nothing in Markdown.
var keptAttrs = map[string]bool{"href": true, "src": true, "alt": true, "start": true, "colspan": true, "rowspan": true}

// emptyIsNothing are elements that say nothing without content. Dropping
// the empty ones early also spares the converter, whose clean-up of nested
// emphasis costs time in proportion to their number times their depth.
var emptyIsNothing = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Cite: true, atom.Code: true,
	atom.Div: true, atom.Em: true, atom.Font: true, atom.I: true, atom.Mark: true,
	atom.P: true, atom.Q: true, atom.S: true, atom.Section: true, atom.Small: true,
	atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.U: true,
}

// prepare makes the content safe and final before conversion: text is
// sanitized, links and images point to absolute http(s) URLs (a link to
// anything else becomes its plain text, an image its alt text), and back
// links to the news list go.
func prepare(root *html.Node, base *url.URL) {
	flattenDeep(root, 0)
	var unlink, drop, links []*html.Node
	walk(root, func(n *html.Node) step {
		switch n.Type {
		case html.TextNode:
			n.Data = sanitize.Text(n.Data)
		case html.CommentNode:
			drop = append(drop, n)
			return skip
		case html.ElementNode:
			if n.FirstChild == nil && emptyIsNothing[n.DataAtom] {
				drop = append(drop, n)
				return skip
			}
			keep := n.Attr[:0]
			for _, a := range n.Attr {
				if a.Namespace == "" && keptAttrs[a.Key] {
					keep = append(keep, a)
				}
			}
			n.Attr = keep
			switch n.DataAtom {
			case atom.A:
				prepareLink(n, base, &unlink, &drop)
				links = append(links, n)
			case atom.Img:
				prepareImage(n, base, &drop)
				return skip
			}
		}
		return descend
	})
	for _, n := range unlink {
		unwrap(n)
	}
	for _, n := range drop {
		detach(n)
	}
	// A link around an image without alt text now leads from nothing.
	for _, a := range links {
		if a.Parent != nil && !hasText(a) && firstElement(a, "img") == nil {
			detach(a)
		}
	}
}

// maxIndent is how deeply quotes and lists may nest in the Markdown.
// Markdown writes each level as a prefix on every line inside it, so its
// size grows with depth times length: 500 nested quotes (6 KB of HTML)
// became 500 KB of Markdown and seconds of work, and a 5 MB page of them
// would take minutes and gigabytes. No article nests more than a few.
const maxIndent = 8

// indents are the elements that indent their content in Markdown.
var indents = map[atom.Atom]bool{atom.Blockquote: true, atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dd: true}

// flattenDeep replaces quotes and lists nested deeper than maxIndent by
// their content, which stays at the deepest level allowed. depth is the
// number of indenting elements around n. The recursion is bounded by the
// parser's own nesting limit.
func flattenDeep(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && indents[c.DataAtom] {
			if depth >= maxIndent {
				first := c.FirstChild
				unwrap(c)
				if first != nil {
					// The children now stand where c stood: go on from
					// the first of them.
					next = first
				}
				c = next
				continue
			}
			flattenDeep(c, depth+1)
		} else {
			flattenDeep(c, depth)
		}
		c = next
	}
}

func prepareLink(a *html.Node, base *url.URL, unlink, drop *[]*html.Node) {
	if backLink.MatchString(lineText(a)) {
		*drop = append(*drop, a)
		return
	}
	href := contentURL(base, attr(a, "href"))
	page := *base
	page.Fragment, page.RawFragment = "", ""
	if href == "" || strings.HasPrefix(href, page.String()+"#") || href == page.String() {
		// javascript:, mailto:, in-page anchors: the text stays, the
		// link goes.
		*unlink = append(*unlink, a)
		return
	}
	setAttr(a, "href", href)
}

func prepareImage(img *html.Node, base *url.URL, drop *[]*html.Node) {
	alt := sanitize.Line(attr(img, "alt"))
	if alt == "" {
		// An image without alt text would be an empty "Bild:" line with
		// nothing to say what it shows; Sitevision says as much in
		// assistive text ("Bilden saknar en alternativtext."), which
		// removeCode dropped.
		*drop = append(*drop, img)
		return
	}
	src := contentURL(base, attr(img, "src"))
	if src == "" {
		// A data: image, or one loaded by script: only the alt text is
		// worth anything.
		img.Type, img.Data, img.DataAtom, img.Attr = html.TextNode, alt, 0, nil
		return
	}
	// The converter escapes only brackets in alt text, and Markdown reads
	// "<javascript:x>" there as a link; as an entity it stays text.
	alt = strings.ReplaceAll(alt, "<", "&lt;")
	img.Attr = []html.Attribute{{Key: "src", Val: src}, {Key: "alt", Val: alt}}
}

// contentURL resolves a link or image URL from the content; "" unless it is
// http(s). Unlike resolve, it keeps the fragment.
func contentURL(base *url.URL, raw string) string {
	raw = cleanHref(raw)
	if raw == "" {
		return ""
	}
	u, err := base.Parse(raw)
	if err != nil {
		return ""
	}
	return sanitize.URL(u.String())
}

// readableContent runs readability on the page and returns its content and
// the publication time from the page's metadata (zero if none). When
// readability finds nothing, the main region is the content.
func readableContent(doc *html.Node, base *url.URL) (content *html.Node, published time.Time) {
	defer func() {
		// As for the converter: a panic in the library fails the page.
		if r := recover(); r != nil {
			content, published = mainRegion(doc), time.Time{}
		}
	}()
	art, err := readability.FromDocument(doc, base)
	if err != nil || art.Node == nil {
		return mainRegion(doc), time.Time{}
	}
	if t, err := art.PublishedTime(); err == nil {
		published = t
	}
	return art.Node, published
}
