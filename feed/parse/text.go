package parse

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"nyss/feed/sanitize"
)

// Feeds put HTML in titles and descriptions, escaped or in CDATA, and
// sometimes terminal control characters too. The functions here turn such a
// field into plain, sanitized text.

// plainLine is a field that must be one line, such as a title.
func plainLine(s string) string {
	return sanitize.Line(restoreControls(htmlToText(s)))
}

// plainText is a field that may have paragraphs, such as a summary:
// paragraphs are separated by one blank line, lines are trimmed.
func plainText(s string) string {
	return tidyLines(sanitize.Text(restoreControls(htmlToText(s))))
}

// looksLikeHTML tells markup from plain text that merely has a "<" in it,
// such as "a < b".
var looksLikeHTML = regexp.MustCompile(`<[a-zA-Z/!]`)

// htmlToText keeps the text of an HTML fragment, decoding entities. Block
// elements become blank lines and <br> a line break; scripts and styles are
// dropped. Text without markup keeps its own line breaks.
func htmlToText(s string) string {
	if !looksLikeHTML.MatchString(s) {
		return html.UnescapeString(s)
	}
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside elements whose text is not content
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if skip == 0 {
				b.WriteString(foldSpace(string(z.Text())))
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skipped[tag]:
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken && skip > 0 {
					skip--
				}
			case tag == "br":
				b.WriteByte('\n')
			case blocks[tag]:
				b.WriteString("\n\n")
			case tt == xhtml.StartTagToken && b.Len() > 0 && !isSpace(b.String()[b.Len()-1]) && spaced[tag]:
				b.WriteByte(' ')
			}
		}
	}
}

// foldSpace makes every run of white space, newlines included, one space,
// as HTML does; a space at either end stays, since it separates words from
// the neighbouring element's text.
func foldSpace(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		if s == "" {
			return ""
		}
		return " "
	}
	folded := strings.Join(words, " ")
	if first, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(first) {
		folded = " " + folded
	}
	if last, _ := utf8.DecodeLastRuneInString(s); unicode.IsSpace(last) {
		folded += " "
	}
	return folded
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// skipped elements hold code or metadata, not text for a reader.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"iframe": true, "head": true, "svg": true, "object": true,
}

// blocks are the elements that start a new paragraph.
var blocks = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "header": true, "footer": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "pre": true, "table": true, "tr": true, "hr": true,
	"figure": true, "figcaption": true, "address": true, "aside": true,
}

// spaced are inline elements that, like table cells, never glue two words.
var spaced = map[string]bool{"td": true, "th": true, "img": true}

// tidyLines trims every line, folds runs of spaces and keeps at most one
// blank line between paragraphs.
func tidyLines(s string) string {
	var out []string
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// XML 1.0 forbids most C0 controls, even as character references, so a feed
// with "&#27;" in a title fails to parse, and gofeed silently drops raw
// control bytes, leaving the rest of an escape sequence ("[2J") behind as
// text. Before parsing, every such control is therefore written as a
// character reference to a private-use stand-in (U+F700 + the control), which
// XML accepts; after parsing the stand-ins are turned back into controls, so
// that sanitize sees, and removes, each escape sequence whole.
const controlBase = 0xF700

// charRef matches a decimal or hexadecimal XML character reference.
var charRef = regexp.MustCompile(`&#([0-9]{1,10}|[xX][0-9a-fA-F]{1,8});`)

// protectControls rewrites raw control bytes and character references that
// XML forbids. It works on bytes in any ASCII-compatible encoding: control
// bytes never occur inside a UTF-8 sequence or a single-byte character.
func protectControls(body []byte) []byte {
	if !hasControl(body) && !bytes.Contains(body, []byte("&#")) {
		return body
	}
	var b bytes.Buffer
	b.Grow(len(body))
	for _, c := range body {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			fmt.Fprintf(&b, "&#x%X;", controlBase+int(c))
			continue
		}
		b.WriteByte(c)
	}
	return charRef.ReplaceAllFunc(b.Bytes(), func(ref []byte) []byte {
		digits := string(ref[2 : len(ref)-1])
		var n uint64
		var err error
		if digits[0] == 'x' || digits[0] == 'X' {
			n, err = strconv.ParseUint(digits[1:], 16, 32)
		} else {
			n, err = strconv.ParseUint(digits, 10, 32)
		}
		switch {
		case err != nil || n > 0x10FFFF || n >= 0xD800 && n <= 0xDFFF || n == 0xFFFE || n == 0xFFFF:
			return []byte("&#xFFFD;")
		case n < 0x20 && n != '\t' && n != '\n' && n != '\r':
			return fmt.Appendf(nil, "&#x%X;", controlBase+n)
		}
		return ref
	})
}

func hasControl(body []byte) bool {
	for _, c := range body {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// restoreControls turns the stand-ins of protectControls back into controls.
func restoreControls(s string) string {
	if !strings.ContainsFunc(s, isStandIn) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isStandIn(r) {
			return r - controlBase
		}
		return r
	}, s)
}

func isStandIn(r rune) bool { return r >= controlBase && r < controlBase+0x20 }
