package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"nyss/feed/sanitize"
)

// NumberLinks numbers the links of md for a reader who types n to open
// link n: it returns md with " [n]" right after every link, image and
// autolink (bare URLs included) whose target is an absolute http(s) URL,
// and those URLs, sanitized, in order of first appearance, each once; n is
// the URL's 1-based place in links, so a URL linked twice has one number.
// Links to anything else are left as they are. Images count as links: the
// terminal shows their alt text, and n opens the picture.
//
// The links are found as the reader's renderer (Glamour, on goldmark) finds
// them, so that link n in links is link n on the screen. Numbering twice
// changes nothing: a link already followed by its number is left alone, so
// Markdown stored before links were numbered can go through NumberLinks
// whenever it is read.
func NumberLinks(md string) (numbered string, links []string) {
	found, pc := findLinks(md)
	// Numbering can move where GFM ends a bare URL: "(see https://a.se/x)."
	// links "https://a.se/x)", but followed by " [1]" the ")" is dropped. So
	// the numbered Markdown, which is what the reader renders, is parsed
	// again; where a link ends elsewhere there, it is numbered anew at that
	// end. Each round can only shorten such a URL, so a few rounds settle.
	// With no bare URL nothing can move, and the second parse (a third of
	// an article's extraction) is not needed.
	if !slices.ContainsFunc(found, func(l foundLink) bool { return l.bare }) {
		numbered, links, _ = number(md, found, pc)
		return numbered, links
	}
	for range 4 {
		var marks []mark
		numbered, links, marks = number(md, found, pc)
		again, _ := findLinks(numbered)
		if len(again) != len(found) {
			break // not a matter of ends; no such input is known
		}
		moved := false
		for i := range again {
			again[i].end = sourceOffset(again[i].end, marks)
			moved = moved || again[i] != found[i]
		}
		if !moved {
			break
		}
		found = again
	}
	return numbered, links
}

// foundLink is a link, image or autolink in Markdown.
type foundLink struct {
	url  string // its target if that is a web address (sanitized), else ""
	end  int    // the offset just past it
	bare bool   // a URL written out, whose end GFM decides
}

// findLinks parses md as the reader's renderer does and returns its links
// in document order, and the parse's context (which knows md's link
// reference definitions).
func findLinks(md string) ([]foundLink, parser.Context) {
	src := []byte(md)
	pc := parser.NewContext()
	ends := map[ast.Node]int{}
	pc.Set(linkEndsKey, ends)
	doc := linkParser().Parse(gmtext.NewReader(src), parser.WithContext(pc))
	var found []foundLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = destination(n.Destination)
		case *ast.Image:
			dest = destination(n.Destination)
		case *ast.AutoLink:
			dest = n.URL(src)
		default:
			return ast.WalkContinue, nil
		}
		if end, ok := ends[n]; ok {
			_, auto := n.(*ast.AutoLink)
			bare := auto && end > 0 && src[end-1] != '>'
			found = append(found, foundLink{url: sanitize.URL(string(dest)), end: end, bare: bare})
		}
		return ast.WalkContinue, nil
	})
	return found, pc
}

// mark is a number spliced into Markdown: at is its offset in the
// Markdown it was spliced into, size its length.
type mark struct{ at, size int }

// number splices " [n]" in after each web link of md that found lists,
// n being the place of its URL in links, and returns the marks it made in
// ascending order.
func number(md string, found []foundLink, pc parser.Context) (numbered string, links []string, marks []mark) {
	type insertion struct {
		at  int
		num string
	}
	var ins []insertion
	place := map[string]int{}
	for _, l := range found {
		if l.url == "" {
			continue
		}
		if _, seen := place[l.url]; !seen {
			links = append(links, l.url)
			place[l.url] = len(links)
		}
		n := place[l.url]
		num := fmt.Sprintf(" [%d]", n)
		if _, defined := pc.Reference(strconv.Itoa(n)); defined {
			// "[1]: https://…" in md would make " [1]" a link.
			num = fmt.Sprintf(` \[%d\]`, n)
		}
		rest := md[l.end:]
		if strings.HasPrefix(rest, num) {
			continue // numbered before
		}
		if rest != "" && gluesOn(rest[0]) {
			num += " "
		}
		ins = append(ins, insertion{l.end, num})
	}
	// An image inside a link ends before the link does, but comes after it
	// in document order.
	slices.SortStableFunc(ins, func(a, b insertion) int { return a.at - b.at })
	var b strings.Builder
	b.Grow(len(md) + 6*len(ins))
	last := 0
	for _, in := range ins {
		b.WriteString(md[last:in.at])
		marks = append(marks, mark{b.Len(), len(in.num)})
		b.WriteString(in.num)
		last = in.at
	}
	b.WriteString(md[last:])
	return b.String(), links, marks
}

// gluesOn reports whether c, right after a number, would change what
// follows: "[a](u)(b)" must not become "[a](u) [1](b)", a link to b, and a
// bare URL right after a link ("[a](u)https://b") is one only there.
func gluesOn(c byte) bool {
	return c == '(' || c == '[' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// sourceOffset maps an offset in numbered Markdown back to the Markdown
// before numbering; marks are the numbers spliced in, in ascending order.
func sourceOffset(at int, marks []mark) int {
	shift := 0
	for _, m := range marks {
		if at <= m.at {
			break
		}
		if at < m.at+m.size {
			return m.at - shift // inside a number: no link ends there
		}
		shift += m.size
	}
	return at - shift
}

// destination is where a link's destination, as written, leads: with its
// backslash escapes and character references resolved, as CommonMark says.
func destination(written []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(written)))
}

// linkParser parses Markdown as glamour.NewTermRenderer configures goldmark
// (GitHub Flavored Markdown, definition lists, heading IDs), with every
// inline parser wrapped to record where each link it finds ends.
var linkParser = sync.OnceValue(func() parser.Parser {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	p := md.Parser()
	p.AddOptions(recordLinkEnds{})
	return p
})

// linkEndsKey holds, in a parse's context, the map from each link node to
// the offset in the source just past its end.
var linkEndsKey = parser.NewContextKey()

// recordLinkEnds is a parser option that replaces each inline parser
// configured so far by an endRecorder around it. Which parsers find links
// (links and images, <autolinks>, GFM's bare URLs) is theirs to know: all
// are wrapped, and each link is recorded by whichever found it.
type recordLinkEnds struct{}

func (recordLinkEnds) SetParserOption(c *parser.Config) {
	for i, v := range c.InlineParsers {
		c.InlineParsers[i].Value = endRecorder{v.Value.(parser.InlineParser)}
	}
}

// endRecorder is an inline parser that lets another parse, and records
// where the reader stands after a link that parser returns: just past the
// link's last byte.
type endRecorder struct {
	parser.InlineParser
}

func (r endRecorder) Parse(parent ast.Node, block gmtext.Reader, pc parser.Context) ast.Node {
	n := r.InlineParser.Parse(parent, block, pc)
	switch n.(type) {
	case *ast.Link, *ast.Image, *ast.AutoLink:
		if ends, ok := pc.Get(linkEndsKey).(map[ast.Node]int); ok {
			_, pos := block.Position()
			ends[n] = pos.Start
		}
	}
	return n
}

// CloseBlock lets the wrapped parser tidy up after a block, as the link
// parser must (a "[" left open is text).
func (r endRecorder) CloseBlock(parent ast.Node, block gmtext.Reader, pc parser.Context) {
	if cb, ok := r.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// SetOption passes the parser's options on to the wrapped parser.
func (r endRecorder) SetOption(name parser.OptionName, value any) {
	if so, ok := r.InlineParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}
