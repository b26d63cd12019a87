// Package htmltext reads HTML as the plain text a reader sees in it: the
// words of its text nodes, with the breaks its elements make. Block
// elements (paragraphs, headings, list items, …) stand apart as paragraphs,
// <br> breaks a line, table cells and images never glue two words together,
// and scripts, styles and other code have no text at all, nor has text
// meant only for screen readers (see IsAssistive). Runs of white space
// become one space, as a browser shows them.
//
// It is the one way nyss turns HTML into text: feed titles and summaries
// (nyss/feed/parse) and the titles, dates and link texts of pages
// (nyss/feed/extract) are all read with it. It does not sanitize: what it
// returns is as untrusted as what it was given.
package htmltext

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Fragment returns the text of an HTML fragment such as a feed's title or
// summary, decoding entities. Paragraphs are separated by a blank line (or
// more: callers tidy), lines by a line break. A string without markup is
// plain text that keeps its own line breaks.
//
// It reads the fragment as a stream of tokens, not as a tree, so any depth
// of nesting is read in one pass and in constant memory.
func Fragment(s string) string {
	if !looksLikeHTML.MatchString(s) {
		return html.UnescapeString(s)
	}
	var w writer
	// hidden is the element of assistive text being skipped, and depth how
	// many elements of its name are open inside it and it.
	var hidden struct {
		name  string
		depth int
	}
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return w.b.String()
		case xhtml.TextToken:
			if hidden.depth == 0 {
				w.text(string(z.Text()))
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if hidden.depth > 0 {
				switch {
				case string(name) != hidden.name || tt == xhtml.SelfClosingTagToken:
				case tt == xhtml.StartTagToken:
					hidden.depth++
				default:
					hidden.depth--
				}
				continue
			}
			a := atom.Lookup(name)
			if tt == xhtml.StartTagToken && hasAttr && assistiveTag(z, a) {
				hidden.name, hidden.depth = string(name), 1
				continue
			}
			switch {
			case tt == xhtml.StartTagToken || a == atom.Br:
				// HTML reads </br> as <br>.
				w.open(a)
			case tt == xhtml.EndTagToken:
				w.close(a)
			default:
				w.open(a)
				w.close(a)
			}
		}
	}
}

// assistiveTag reports whether the start tag the tokenizer is at holds
// assistive text; it reads the tag's attributes. A void element (an <img>)
// holds no text and ends at once, so it is never skipped up to an end tag.
func assistiveTag(z *xhtml.Tokenizer, a atom.Atom) bool {
	if voids[a] {
		return false
	}
	for {
		key, val, more := z.TagAttr()
		if string(key) == "class" {
			return IsAssistive(string(val))
		}
		if !more {
			return false
		}
	}
}

// assistiveClasses hide text from the eye and leave it to screen readers:
// Sitevision's, then the common ones of Bootstrap, the HTML5 Boilerplate
// and WordPress. Such text ("öppnas i nytt fönster", "Credit") is not for
// a reader who sees the page, and glued to the visible words around it
// it reads as nonsense.
var assistiveClasses = []string{"env-assistive-text", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text"}

// voids are the elements that have no end tag.
var voids = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true,
}

// IsAssistive reports whether an element with this class attribute holds
// text meant only for screen readers.
func IsAssistive(class string) bool {
	for _, c := range strings.Fields(class) {
		for _, a := range assistiveClasses {
			if strings.EqualFold(c, a) {
				return true
			}
		}
	}
	return false
}

// Node returns the text of n and everything under it, as Fragment does for
// a string.
func Node(n *xhtml.Node) string {
	var w writer
	w.node(n)
	return w.b.String()
}

// Prefix returns the start of Node(n): all of it, with whole true, or at
// least max bytes of it, without reading the rest of n. A page's largest
// elements hold all its text, and a caller that only asks whether a text
// is short need not gather it all.
func Prefix(n *xhtml.Node, max int) (text string, whole bool) {
	w := writer{max: max}
	w.node(n)
	return w.b.String(), !w.full()
}

// IsBlock reports whether elements named a stand apart from the text
// around them: block elements and table cells, not <br>.
func IsBlock(a atom.Atom) bool {
	k := kinds[a]
	return k == block || k == cell
}

// looksLikeHTML tells markup from plain text that merely has a "<" in it,
// such as "a < b".
var looksLikeHTML = regexp.MustCompile(`<[a-zA-Z/!]`)

// kind is what an element does to the text around it.
type kind uint8

const (
	inline    kind = iota // nothing: <b>, <a>, <span>, unknown elements
	block                 // a paragraph of its own
	cell                  // a table cell: never glued to the word before it
	spaced                // an inline element that, like a cell, separates words
	lineBreak             // <br>
	skipped               // code or metadata, not text for a reader
)

// kinds is the one table of elements that are not inline.
var kinds = map[atom.Atom]kind{
	atom.Address: block, atom.Article: block, atom.Aside: block, atom.Blockquote: block,
	atom.Dd: block, atom.Details: block, atom.Div: block, atom.Dl: block, atom.Dt: block,
	atom.Figcaption: block, atom.Figure: block, atom.Footer: block, atom.Form: block,
	atom.H1: block, atom.H2: block, atom.H3: block, atom.H4: block, atom.H5: block, atom.H6: block,
	atom.Header: block, atom.Hr: block, atom.Li: block, atom.Main: block, atom.Nav: block,
	atom.Ol: block, atom.P: block, atom.Pre: block, atom.Section: block, atom.Summary: block,
	atom.Table: block, atom.Tr: block, atom.Ul: block,

	atom.Td: cell, atom.Th: cell,
	atom.Img: spaced,
	atom.Br:  lineBreak,

	atom.Script: skipped, atom.Style: skipped, atom.Noscript: skipped, atom.Template: skipped,
	atom.Iframe: skipped, atom.Head: skipped, atom.Svg: skipped, atom.Object: skipped,
}

// writer gathers text as elements open and close around it.
type writer struct {
	b    strings.Builder
	skip int // depth inside skipped elements
	max  int // stop past this many bytes; 0: no limit
}

// full reports whether the writer has all the text it was asked for.
func (w *writer) full() bool {
	return w.max > 0 && w.b.Len() > w.max
}

func (w *writer) node(n *xhtml.Node) {
	if w.full() {
		return
	}
	switch n.Type {
	case xhtml.TextNode:
		w.text(n.Data)
		return
	case xhtml.ElementNode:
		for _, a := range n.Attr {
			if a.Namespace == "" && a.Key == "class" && IsAssistive(a.Val) {
				return
			}
		}
		w.open(n.DataAtom)
		defer w.close(n.DataAtom)
	case xhtml.DocumentNode:
	default:
		return // comments, doctypes
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
}

func (w *writer) open(a atom.Atom) {
	switch k := kinds[a]; {
	case k == skipped:
		w.skip++
	case w.skip > 0:
	case k == block:
		w.b.WriteString("\n\n")
	case k == lineBreak:
		w.b.WriteByte('\n')
	case (k == cell || k == spaced) && w.b.Len() > 0 && !endsInSpace(w.b.String()):
		w.b.WriteByte(' ')
	}
}

func (w *writer) close(a atom.Atom) {
	switch k := kinds[a]; {
	case k == skipped:
		if w.skip > 0 {
			w.skip--
		}
	case w.skip == 0 && k == block:
		w.b.WriteString("\n\n")
	}
}

// text adds s with every run of white space, newlines included, made one
// space, as HTML shows it; a space at either end stays, since it separates
// s from the neighbouring element's text.
func (w *writer) text(s string) {
	if w.skip > 0 {
		return
	}
	space := false
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space {
				w.b.WriteByte(' ')
				space = false
			}
			w.b.WriteString(s[:size])
		}
		s = s[size:]
	}
	if space {
		w.b.WriteByte(' ')
	}
}

func endsInSpace(s string) bool {
	switch s[len(s)-1] {
	case ' ', '\t', '\n', '\r', '\f':
		return true
	}
	return false
}
