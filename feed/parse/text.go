package parse

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"nyss/feed/htmltext"
	"nyss/feed/sanitize"
)

// Feeds put HTML in titles and descriptions, escaped or in CDATA, and
// sometimes terminal control characters too. The functions here turn such a
// field into plain, sanitized text.

// plainLine is a field that must be one line, such as a title.
func plainLine(s string) string {
	return sanitize.Line(restoreControls(htmltext.Fragment(s)))
}

// plainText is a field that may have paragraphs, such as a summary:
// paragraphs are separated by one blank line, lines are trimmed.
func plainText(s string) string {
	return tidyLines(sanitize.Text(restoreControls(htmltext.Fragment(s))))
}

// tidyLines trims every line, folds runs of spaces and keeps at most one
// blank line between paragraphs.
func tidyLines(s string) string {
	var out []string
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = sanitize.Line(line)
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
