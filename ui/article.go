package ui

import (
	"fmt"
	"hash/fnv"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"

	"nyss/feed"
)

// Glamour styles: colours for a dark or a light background, and plain ASCII
// where colour is off (NO_COLOR, a pipe).
const (
	styleDark  = styles.DarkStyle
	styleLight = styles.LightStyle
	stylePlain = styles.NoTTYStyle
)

// articleMarkdown is the whole article as one Markdown document: title,
// date, link, the body with its numbered links, and, when withRelated,
// the related list. The reader and `nyss show` both print this, so they
// never disagree; the reader draws the related list itself, so that it
// can be focused and chosen from.
//
// Without an article the feed's summary stands in, with note saying why.
// The engine sanitized everything in r; the feed's own text (titles,
// summaries) is escaped here, so that it reads as text, not Markdown.
func articleMarkdown(r feed.Reading, note string, withRelated bool) string {
	var b strings.Builder
	it, a := r.Item, r.Article
	title := it.Title
	if a != nil && a.Title != "" {
		title = a.Title
	}
	fmt.Fprintf(&b, "# %s\n\n", escapeText(title))
	var meta []string
	if d := longDate(it.Published); d != "" {
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
		return b.String()
	}
	b.WriteString(strings.TrimSpace(a.Markdown))
	b.WriteString("\n")
	if withRelated && len(a.Related) > 0 {
		b.WriteString("\n## Relaterade nyheter\n\n")
		for _, r := range a.Related {
			b.WriteString("- ")
			if r.ItemID != 0 {
				// The ID to pass to the next `nyss show`.
				fmt.Fprintf(&b, "%d · ", r.ItemID)
			}
			if d := longDate(r.Published); d != "" {
				fmt.Fprintf(&b, "%s — ", d)
			}
			fmt.Fprintf(&b, "%s\n", escapeText(r.Title))
		}
	}
	return b.String()
}

// noteText is why a Reading shows the summary, in the reader's language.
func noteText(r feed.Reading, t text) string {
	switch r.Note {
	case feed.NoteOffline:
		return t.noteOffline
	case feed.NoteFailed:
		return fmt.Sprintf(t.noteFailed, errorText(r.Err))
	}
	return ""
}

// escapeText makes text from a feed (a title, a summary) read as text, not
// as Markdown: a summary holding "[klicka](javascript:…)" or "&#27;" must
// show those characters, not become a link or an entity the renderer
// decodes into a control character. An ampersand is written as "&amp;":
// Glamour decodes "\&#27;" into ESC all the same. Line breaks are kept.
func escapeText(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		var b strings.Builder
		line = strings.TrimLeft(line, " \t") // four spaces would be code
		for j, r := range line {
			switch {
			case r == '&':
				b.WriteString("&amp;")
				continue
			case strings.ContainsRune(inlineMarkup, r) || j == blockMarker(line):
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// inlineMarkup are the characters that start Markdown syntax anywhere in a
// line: links and images ([ ]), autolinks and HTML (< >), emphasis, code,
// tables and strikethrough.
const inlineMarkup = "\\`*_[]<>|~"

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

// render renders Markdown for a terminal of the given width with one of
// the style constants. Links in tables stay in their cells: Glamour would
// otherwise list them under the table with numbers of its own, beside the
// article's.
func render(md string, width int, style, imageWord string) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStyles(glamourStyle(style, imageWord)), glamour.WithWordWrap(width),
		glamour.WithInlineTableLinks(true))
	if err != nil {
		return "", err
	}
	return r.Render(md)
}

// renderKey names one rendering: the Markdown (by hash), the wrap width and
// the Glamour style. A resize or a new background renders again; going back
// and forth between widths does not.
type renderKey struct {
	sum   uint64
	width int
	style string
	image string // the word before an image's alt text
}

func newRenderKey(md string, width int, style, imageWord string) renderKey {
	return renderKey{sum: sum64(md), width: width, style: style, image: imageWord}
}

func sum64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// renderCache keeps recent renderings. It is written only from the update
// loop, and read from a pre-render's command too, hence the lock; the
// pointer is shared by every copy of the reader.
type renderCache struct {
	mu    sync.Mutex
	out   map[renderKey]string
	order []renderKey
}

const renderCacheSize = 64

func newRenderCache() *renderCache {
	return &renderCache{out: map[renderKey]string{}}
}

func (c *renderCache) get(k renderKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.out[k]
	return s, ok
}

func (c *renderCache) put(k renderKey, s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.out[k]; ok {
		return
	}
	if len(c.order) >= renderCacheSize {
		delete(c.out, c.order[0])
		c.order = c.order[1:]
	}
	c.out[k] = s
	c.order = append(c.order, k)
}
