package extract

import (
	"fmt"
	"regexp"
)

// inlineLink matches a Markdown inline link or image: [text](url "title").
var inlineLink = regexp.MustCompile(`(!?)\[((?:[^\[\]\\]|\\.)*)\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)`)

// NumberLinks is a stand-in until links are numbered where goldmark finds them.
func NumberLinks(md string) (string, []string) {
	links := markdownLinks(md)
	index := make(map[string]int, len(links))
	for i, l := range links {
		if _, ok := index[l]; !ok {
			index[l] = i + 1
		}
	}
	return inlineLink.ReplaceAllStringFunc(md, func(m string) string {
		sub := inlineLink.FindStringSubmatch(m)
		if n, ok := index[sub[3]]; ok {
			return fmt.Sprintf("%s [%d]", m, n)
		}
		return m
	}), links
}
