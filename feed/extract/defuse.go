package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page under the size cap can still cost the HTML parser, readability and
// the Markdown converter far more than its size: each element costs about a
// kilobyte and a half of memory on its way through, and a trick of the
// parser's error recovery makes a small page a huge tree. defuse bounds both
// before anything is parsed, and heavy pages take turns.

// errTooManyElements is returned for a page with more than maxElements
// elements: several times what any article page has.
var errTooManyElements = errors.New("page has too many html elements to read")

// maxElements bounds the elements of an article page (the pages of the
// fixture site have about a hundred, a long news page a few thousand), so
// that extracting one page takes at most about 60 MB and a second or two.
const maxElements = 30_000

// formattingTags are the elements the HTML parser reconstructs: when one is
// left open and a block closes around it, the parser opens a copy of it in
// every later block. A few hundred left open, each with different
// attributes so that the parser's limit of three identical ones does not
// apply, make 25 KB of HTML a tree of a million nodes (and 800 KB one of
// fifty million, 7 GB).
var formattingTags = map[atom.Atom]bool{
	atom.B: true, atom.Big: true, atom.Code: true, atom.Em: true, atom.Font: true,
	atom.I: true, atom.Nobr: true, atom.S: true, atom.Small: true, atom.Strike: true,
	atom.Strong: true, atom.Tt: true, atom.U: true,
}

// maxOpenFormatting is how many formatting elements may be open at once;
// more are dropped, their text kept. Real pages nest three or four.
const maxOpenFormatting = 8

// heavyElements is the size of page from which extraction takes turns.
const heavyElements = 5_000

// heavyTurns lets one heavy page at a time through extraction: one costs up
// to about 70 MB, and a sync extracts eight pages at once, so eight heavy
// ones together would take over half a gigabyte. Article pages are rarely
// heavy, so they rarely wait, and a wait is never long.
var heavyTurns = make(chan struct{}, 1)

// turn is one page's claim on heavyTurns. A nil *turn never waits.
type turn struct{ held bool }

// need waits for the turn if a page of that many elements is heavy.
func (t *turn) need(elements int) {
	if t != nil && !t.held && elements > heavyElements {
		heavyTurns <- struct{}{}
		t.held = true
	}
}

// done gives the turn back, if it was taken.
func (t *turn) done() {
	if t.held {
		<-heavyTurns
		t.held = false
	}
}

// defuse returns the page with the formatting start tags that would be
// open beyond maxOpenFormatting (and the end tags that would close them)
// removed, every other byte as it was, and its number of elements. It
// counts open elements as the tokenizer sees them, which is at least as
// many as the parser keeps open, so the bound holds. errTooManyElements
// for a page with more than max elements.
func defuse(page []byte, max int) ([]byte, int, error) {
	z := html.NewTokenizer(bytes.NewReader(page))
	out := make([]byte, 0, len(page))
	open := map[atom.Atom]int{}
	openTotal, elements := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); err != io.EOF {
				return nil, 0, err
			}
			return out, elements, nil
		}
		// TagName lower-cases the tag in the tokenizer's buffer, so the
		// raw bytes are copied out first and taken back if dropped.
		mark := len(out)
		out = append(out, z.Raw()...)
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if elements++; elements > max {
				return nil, 0, fmt.Errorf("%w: more than %d", errTooManyElements, max)
			}
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if tt != html.StartTagToken || !formattingTags[a] {
				continue
			}
			if openTotal >= maxOpenFormatting {
				out = out[:mark]
				continue
			}
			open[a]++
			openTotal++
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if !formattingTags[a] {
				continue
			}
			if open[a] == 0 {
				out = out[:mark] // closes nothing that was kept
				continue
			}
			open[a]--
			openTotal--
		}
	}
}
