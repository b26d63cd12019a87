package ui

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"

	"nyss/feed/sanitize"
	"nyss/feed/store"
)

// Glamour styles: colours for a dark or a light background, and plain ASCII
// where colour is off (NO_COLOR, a pipe).
const (
	StyleDark  = styles.DarkStyle
	StyleLight = styles.LightStyle
	StylePlain = styles.NoTTYStyle
)

// ArticleMarkdown is the whole article as one Markdown document: title,
// date, link, the body with its links numbered, and the related list. The
// reader and `nyss show` both print this, so they never disagree.
//
// a may be nil: an article not cached yet shows the feed's summary instead,
// with note saying why. The result has passed sanitize.Markdown, so that
// even piped it holds no reference a later renderer would decode into a
// control character.
func ArticleMarkdown(it store.Item, a *store.Article, note string) string {
	var b strings.Builder
	title := it.Title
	if a != nil && a.Title != "" {
		title = a.Title
	}
	fmt.Fprintf(&b, "# %s\n\n", escapeText(title))
	var meta []string
	if d := LongDate(it.Published); d != "" {
		meta = append(meta, d)
	}
	link := it.URL
	if a != nil && a.URL != "" {
		link = a.URL
	}
	if link != "" {
		meta = append(meta, link)
	}
	if len(meta) > 0 {
		fmt.Fprintf(&b, "%s\n\n", strings.Join(meta, " · "))
	}
	if note != "" {
		fmt.Fprintf(&b, "> %s\n\n", escapeText(note))
	}
	if a == nil {
		b.WriteString(escapeText(it.Summary))
		b.WriteString("\n")
		return sanitize.Markdown(b.String())
	}
	b.WriteString(strings.TrimSpace(NumberLinks(a.Markdown, a.Links)))
	b.WriteString("\n")
	if len(a.Related) > 0 {
		b.WriteString("\n## Relaterade nyheter\n\n")
		for _, r := range a.Related {
			if d := LongDate(r.Published); d != "" {
				fmt.Fprintf(&b, "- %s — %s\n", d, escapeText(r.Title))
			} else {
				fmt.Fprintf(&b, "- %s\n", escapeText(r.Title))
			}
		}
	}
	return sanitize.Markdown(b.String())
}

// inlineLink matches a Markdown inline link or image: [text](url "title").
var inlineLink = regexp.MustCompile(`(!?)\[((?:[^\[\]\\]|\\.)*)\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)`)

// NumberLinks puts [n] after every link whose URL is links[n-1], so that a
// reader can type n to open it. Images count as links too: the terminal
// shows their alt text, and n opens the picture.
func NumberLinks(md string, links []string) string {
	if len(links) == 0 {
		return md
	}
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
	})
}

// escapeText makes text from a feed (a title, a summary) read as text, not
// as Markdown: a summary holding "[klicka](javascript:…)" or "&#27;" must
// show those characters, not become a link or an entity the renderer
// decodes into a control character. Line breaks are kept.
func escapeText(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		var b strings.Builder
		line = strings.TrimLeft(line, " \t") // four spaces would be code
		for j, r := range line {
			if strings.ContainsRune(inlineMarkup, r) || j == blockMarker(line) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// inlineMarkup are the characters that start Markdown syntax anywhere in a
// line: links and images ([ ]), autolinks and HTML (< >), entities (&),
// emphasis, code, tables and strikethrough.
const inlineMarkup = "\\`*_[]<>&|~"

// blockMarker is the index of the character that would make line a
// heading, quote, list item or setext underline, or -1.
func blockMarker(line string) int {
	if line == "" {
		return -1
	}
	if strings.ContainsRune("#>-+=", rune(line[0])) {
		return 0
	}
	digits := len(line) - len(strings.TrimLeft(line, "0123456789"))
	if digits > 0 && digits < len(line) && (line[digits] == '.' || line[digits] == ')') {
		return digits
	}
	return -1
}

// Render renders Markdown for a terminal of the given width with one of the
// Style constants.
//
// It is the last gate before the terminal: the Markdown passes
// sanitize.Markdown here even though the cache holds it sanitized, since
// Glamour decodes character references the sanitizer saw only as text.
func Render(md string, width int, style string) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width))
	if err != nil {
		return "", err
	}
	return r.Render(sanitize.Markdown(md))
}
