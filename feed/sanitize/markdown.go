package sanitize

import (
	"regexp"
	"strconv"
	"strings"
)

// numericRef is an HTML/CommonMark numeric character reference.
var numericRef = regexp.MustCompile(`&#(?:[0-9]{1,8}|[xX][0-9a-fA-F]{1,7});`)

// Markdown is Text for Markdown source. Text alone is not enough there: a
// renderer decodes "&#27;" into the ESC character itself, after any
// sanitizer has looked at the text. So every numeric reference to a
// character that Text would remove is removed too.
func Markdown(md string) string {
	md = Text(md)
	if !strings.Contains(md, "&#") {
		return md
	}
	return numericRef.ReplaceAllStringFunc(md, func(ref string) string {
		digits, base := ref[2:len(ref)-1], 10
		if digits[0] == 'x' || digits[0] == 'X' {
			digits, base = digits[1:], 16
		}
		n, err := strconv.ParseInt(digits, base, 32)
		if err != nil {
			return ""
		}
		r := rune(n)
		if r == '\t' || r == '\n' || Text(string(r)) == string(r) && r != 0 {
			return ref
		}
		return ""
	})
}
