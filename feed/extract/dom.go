package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nyss/feed/htmltext"
	"nyss/feed/sanitize"
)

// Small helpers over golang.org/x/net/html nodes. The tree the parser builds
// is at most 512 elements deep (it refuses deeper input), so recursion here
// is bounded.

// step is what a walk does after visiting a node.
type step int

const (
	descend step = iota // go on inside the node
	skip                // go on after the node, not inside it
	stop                // end the walk: what was looked for is found
)

// walk visits n and its descendants in document order, as visit directs.
// visit may detach the node it is given. walk reports false if it was
// stopped.
func walk(n *html.Node, visit func(*html.Node) step) bool {
	switch visit(n) {
	case stop:
		return false
	case skip:
		return true
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if !walk(c, visit) {
			return false
		}
		c = next
	}
	return true
}

// elements returns the element nodes under root (root included) for which
// keep is true, in document order, without looking inside a kept one.
func elements(root *html.Node, keep func(*html.Node) bool) []*html.Node {
	var found []*html.Node
	walk(root, func(n *html.Node) step {
		if n.Type == html.ElementNode && keep(n) {
			found = append(found, n)
			return skip
		}
		return descend
	})
	return found
}

// firstElement returns the first element named tag under root, or nil.
func firstElement(root *html.Node, tag string) *html.Node {
	var found *html.Node
	walk(root, func(n *html.Node) step {
		if n.Type == html.ElementNode && n.Data == tag {
			found = n
			return stop
		}
		return descend
	})
	return found
}

func isElement(n *html.Node, tags ...atom.Atom) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	for _, t := range tags {
		if n.DataAtom == t {
			return true
		}
	}
	return false
}

func isHeading(n *html.Node) bool {
	return isElement(n, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6) ||
		n.Type == html.ElementNode && attr(n, "role") == "heading"
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// contains reports whether d is n or one of its descendants.
func contains(n, d *html.Node) bool {
	for ; d != nil; d = d.Parent {
		if d == n {
			return true
		}
	}
	return false
}

func detach(n *html.Node) {
	if n != nil && n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	if n.Parent == nil {
		return
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		n.Parent.InsertBefore(c, n)
		c = next
	}
	detach(n)
}

// lineText is n's text as one sanitized line.
func lineText(n *html.Node) string {
	return sanitize.Line(htmltext.Node(n))
}

// lineTextUpTo is lineText(n) when that is at most max bytes long; ok is
// false once it is longer, and then n is mostly not read: asking whether
// an element of the whole article is a short date line costs no more than
// asking it of the date.
func lineTextUpTo(n *html.Node, max int) (line string, ok bool) {
	// Blocks add breaks that the line makes one space: read enough.
	s, whole := htmltext.Prefix(n, 4*max+64)
	line = sanitize.Line(s)
	if !whole && len(line) <= max {
		line = lineText(n) // mostly white space so far: read it all
	}
	if len(line) > max {
		return "", false
	}
	return line, true
}

// hasText reports whether n has any text but white space.
func hasText(n *html.Node) bool {
	return strings.TrimSpace(htmltext.Node(n)) != ""
}

// hasBlockChild reports whether any descendant of n is a block element.
func hasBlockChild(n *html.Node) bool {
	return !walk(n, func(d *html.Node) step {
		if d != n && d.Type == html.ElementNode && htmltext.IsBlock(d.DataAtom) {
			return stop
		}
		return descend
	})
}

// linkOnly reports whether n has link text and no letters or digits
// outside its links: a back link, a menu, a row of share links.
func linkOnly(n *html.Node) bool {
	hasLink := false
	other := !walk(n, func(d *html.Node) step {
		switch {
		case d.Type == html.ElementNode && d.DataAtom == atom.A:
			if hasText(d) {
				hasLink = true
			}
			return skip
		case d.Type == html.TextNode && strings.IndexFunc(d.Data, isWordRune) >= 0:
			return stop
		}
		return descend
	})
	return hasLink && !other
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
