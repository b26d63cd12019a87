// Package sanitize makes untrusted text from the network safe to store and to
// draw on a terminal.
//
// Everything a feed or a page says is untrusted: a title can carry an escape
// sequence that clears the screen, writes the clipboard (OSC 52) or asks the
// terminal to answer (CSI 6n). The rules are the design's: C0 controls except
// tab and newline, DEL, C1 controls, whole ESC/CSI/OSC/DCS sequences and bidi
// overrides are removed; invalid UTF-8 becomes U+FFFD.
//
// It is a small state machine rather than ansi.Strip because it must also
// drop what a terminal would read as a sequence (8-bit C1 introducers, a lone
// ESC, an unterminated OSC), not only well-formed sequences.
package sanitize

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s without terminal control sequences. Tabs and newlines stay;
// CR LF and lone CR become LF.
func Text(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	const (
		normal = iota
		escape // after ESC
		csi    // in a control sequence: parameters until a final byte
		str    // in OSC/DCS/SOS/PM/APC: until BEL or ST
		strEsc // ESC inside a string: ST is ESC \
	)
	state := normal
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			r = utf8.RuneError
		}
		switch state {
		case escape:
			switch {
			case r == '[':
				state = csi
			case r == ']' || r == 'P' || r == 'X' || r == '^' || r == '_':
				state = str
			case r >= 0x20 && r <= 0x2f:
				// intermediate bytes: ESC ( B and friends; the final byte follows
			default:
				state = normal
			}
			continue
		case csi:
			if r >= 0x40 && r <= 0x7e || r > 0x7f {
				state = normal
			}
			continue
		case str:
			switch r {
			case 0x07, 0x9c:
				state = normal
			case 0x1b:
				state = strEsc
			}
			continue
		case strEsc:
			if r == '\\' {
				state = normal
			} else {
				state = str
			}
			continue
		}
		switch {
		case r == 0x1b:
			state = escape
		case r == 0x9b:
			state = csi
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			state = str
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		case isBidiControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Line is Text for one-line fields such as titles: every run of white space,
// newlines included, becomes one space, and the ends are trimmed.
func Line(s string) string {
	if isCleanLine(s) {
		return s // most titles: no copy
	}
	return strings.Join(strings.Fields(Text(s)), " ")
}

// isCleanLine reports text that Line would leave as it is, in one pass:
// nothing Text removes, no white space at either end, and none but single
// spaces between words.
func isCleanLine(s string) bool {
	space := true // at the start, a space would be one too many
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return false
				}
				space = true
			case c < 0x20 || c == 0x7f:
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r <= 0x9f || isBidiControl(r) || unicode.IsSpace(r) {
			return false
		}
		space = false
		i += size
	}
	return !space || s == ""
}

// URL returns a sanitized absolute http or https URL, or "" for anything else
// (javascript:, vbscript:, data:, file:, mailto: and unparsable text), so
// that nothing but a web address is ever offered as a link.
func URL(s string) string {
	s = Line(s)
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || strings.IndexFunc(u.Host, notHostRune) >= 0 {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		u.RawQuery = escapeQuery(u.RawQuery)
		// Brackets belong only around an IPv6 host (RFC 3986); elsewhere
		// they are what makes "[a](javascript:x)" inside a printed address
		// a Markdown link.
		u.RawPath = escapeBrackets.Replace(u.EscapedPath())
		u.RawFragment = escapeBrackets.Replace(u.EscapedFragment())
		if u.Fragment != "" || u.RawFragment != "" {
			// Nor may "&#" stand in it, which Markdown reads as a character
			// reference ("&#x1b;" is ESC); it can only be an '&' that ends
			// the query or the path, just before the fragment. An empty last
			// parameter means nothing; an '&' in the path is encoded.
			u.RawQuery = strings.TrimRight(u.RawQuery, "&")
			if strings.HasSuffix(u.RawPath, "&") {
				u.RawPath = strings.TrimSuffix(u.RawPath, "&") + "%26"
			}
		}
		return u.String()
	}
	return ""
}

var escapeBrackets = strings.NewReplacer("[", "%5B", "]", "%5D")

// notHostRune reports an ASCII character that no host name, IP address or
// port has, but url.Parse lets through (quotes, angle brackets, and more).
func notHostRune(r rune) bool {
	switch {
	case r >= 0x80, r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return false
	}
	return !strings.ContainsRune("-._:[]%", r)
}

// escapeQuery percent-encodes what a browser encodes in a query before it
// sends it (spaces, quotes, angle brackets, backticks and non-ASCII bytes)
// and the square brackets RFC 3986 does not allow there.
// url.URL keeps the query as written, and a space in it would make the
// request line invalid (the server answers 400) and the printed link two
// words.
func escapeQuery(q string) string {
	i := 0
	for i < len(q) && !escapedInQuery(q[i]) {
		i++
	}
	if i == len(q) {
		return q
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(q) + 8)
	b.WriteString(q[:i])
	for ; i < len(q); i++ {
		if c := q[i]; escapedInQuery(c) {
			b.Write([]byte{'%', hex[c>>4], hex[c&0xf]})
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func escapedInQuery(c byte) bool {
	return c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>`[]", c) >= 0
}

// isBidiControl reports the explicit embedding, override and isolate
// controls, which can make a title read backwards or hide text.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// isClean is the fast path: most strings need no change at all.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f || c >= 0x80 {
			return isCleanSlow(s[i:])
		}
	}
	return true
}

func isCleanSlow(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
		if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || isBidiControl(r) {
			return false
		}
	}
	return true
}
