package ui

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"

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
// with note saying why.
func ArticleMarkdown(it store.Item, a *store.Article, note string) string {
	var b strings.Builder
	title := it.Title
	if a != nil && a.Title != "" {
		title = a.Title
	}
	fmt.Fprintf(&b, "# %s\n\n", escapeInline(title))
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
		fmt.Fprintf(&b, "> %s\n\n", escapeInline(note))
	}
	if a == nil {
		b.WriteString(it.Summary)
		b.WriteString("\n")
		return b.String()
	}
	b.WriteString(strings.TrimSpace(NumberLinks(a.Markdown, a.Links)))
	b.WriteString("\n")
	if len(a.Related) > 0 {
		b.WriteString("\n## Relaterade nyheter\n\n")
		for _, r := range a.Related {
			if d := LongDate(r.Published); d != "" {
				fmt.Fprintf(&b, "- %s — %s\n", d, escapeInline(r.Title))
			} else {
				fmt.Fprintf(&b, "- %s\n", escapeInline(r.Title))
			}
		}
	}
	return b.String()
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

// escapeInline keeps a title from being read as Markdown syntax.
func escapeInline(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `]`, `\]`, `<`, `\<`, `#`, `\#`)
	return r.Replace(s)
}

// Render renders Markdown for a terminal of the given width with one of the
// Style constants.
func Render(md string, width int, style string) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width))
	if err != nil {
		return "", err
	}
	return r.Render(md)
}
