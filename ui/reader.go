package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed"
)

// page is one article in the reader's history: what is shown, and where the
// reader was in it, so that going back returns to the same place.
type page struct {
	reading feed.Reading // the item, and its article when there is one
	loading bool         // the article is being fetched

	yOffset      int
	relCursor    int
	focusRelated bool
}

// reader shows one article in a scrolling viewport: the Glamour-rendered
// Markdown, then "Relaterade nyheter". tab moves the focus between the text
// and the related list; the history is a stack that esc pops. Digits open
// the article's numbered links.
type reader struct {
	history []page
	vp      viewport.Model
	st      uiStyles
	t       text

	width, height int

	renders *renderCache // shared by every copy of the reader
	wantKey renderKey    // the rendering the page waits for
	// wantHead is the rendering of the long page's first screens, drawn
	// while the whole renders; partial is set while it is what shows.
	wantHead renderKey
	partial  bool
	rendered string // Glamour's output for the current page, "" while it renders
	lines    []string
	shown    []string // lines with the search matches highlighted: what view draws
	relStart int      // index in lines of the related heading, -1 when there is none

	focusRelated bool

	query   string
	matches []match
	current int // index in matches of the selected match

	linkDigits string // digits typed so far of a link number
	linkSeq    int

	now func() time.Time // for the short dates of a narrow related list
}

// match is one search hit: a line of the content and its cells.
type match struct{ line, start, end int }

// linkTimeoutMsg ends the wait for a second digit of a link number.
type linkTimeoutMsg struct{ seq int }

func newReader(st uiStyles, t text) reader {
	vp := viewport.New()
	vp.MouseWheelDelta = 3
	// The keymap is the reader's own; the viewport's default keys would
	// scroll sideways on h and l and page on f, b, d and u.
	vp.KeyMap = viewport.KeyMap{}
	return reader{vp: vp, st: st, t: t, relStart: -1, renders: newRenderCache()}
}

func (r reader) open() bool { return len(r.history) > 0 }

// atEnd is whether the article is read to its end: rendered, and scrolled
// to the bottom.
func (r reader) atEnd() bool {
	return r.open() && r.rendered != "" && !r.partial && r.vp.AtBottom()
}

// restyle takes new styles (a light or dark background), and lays the page
// out again in them.
func (r *reader) restyle(st uiStyles) {
	r.st = st
	r.layout()
}

// searchQuery is what is searched for in the article, "" for nothing.
func (r reader) searchQuery() string { return r.query }

// page returns the page shown; call only when open.
func (r *reader) page() *page { return &r.history[len(r.history)-1] }

// push shows a new page, remembering where the reader was in the old one.
func (r *reader) push(p page) {
	if r.open() {
		r.page().yOffset = r.vp.YOffset()
		r.page().focusRelated = r.focusRelated
	}
	r.history = append(r.history, p)
	r.reset()
}

// pop goes back to the previous page; it reports false when there was none
// and the reader is now closed.
func (r *reader) pop() bool {
	if !r.open() {
		return false
	}
	r.history = r.history[:len(r.history)-1]
	r.reset()
	if !r.open() {
		return false
	}
	r.focusRelated = r.page().focusRelated
	return true
}

// close empties the history.
func (r *reader) close() {
	r.history = nil
	r.reset()
}

func (r *reader) reset() {
	r.rendered, r.lines, r.shown, r.relStart = "", nil, nil, -1
	r.focusRelated = false
	r.linkDigits = ""
	r.query, r.matches, r.current = "", nil, 0
	r.vp.SetContentLines(nil)
	r.vp.SetYOffset(0)
}

func (r *reader) setSize(w, h int) {
	r.width, r.height = w, h
	r.vp.SetWidth(w)
	r.vp.SetHeight(h)
	r.layout()
}

// setRendered puts a page's rendered Markdown on the screen, at the place the
// reader left it.
func (r *reader) setRendered(out string) {
	r.rendered = out
	r.layout()
	if r.open() {
		r.vp.SetYOffset(r.page().yOffset)
	}
}

// layout rebuilds the content lines from the rendered text and the related
// list, with search matches highlighted.
func (r *reader) layout() {
	if !r.open() || r.rendered == "" {
		r.lines, r.shown, r.relStart = nil, nil, -1
		r.vp.SetContentLines(nil)
		return
	}
	body := strings.TrimRight(strings.TrimLeft(r.rendered, "\n"), "\n ")
	lines := strings.Split(body, "\n")
	r.relStart = -1
	// Of a long article's head, the rest, then its related news, are on
	// the way.
	if !r.partial {
		if rel := r.related(); len(rel) > 0 {
			r.relStart = len(lines) + 1
			lines = append(lines, "", r.relatedHeading())
			lines = append(lines, r.relatedLines(rel)...)
		}
		if links := linkLines(r.links(), r.t.linksHeading, r.st); len(links) > 0 {
			lines = append(lines, "")
			lines = append(lines, links...)
		}
	}
	r.lines = lines
	r.searchLines()
	r.show()
}

// show puts the lines on the page, with the matches highlighted.
//
// The viewport keeps the place (offset, paging, the wheel) over blank
// lines of the same count, and view draws the lines that show: handed the
// text, the viewport measures every line's width whenever it is set and
// wraps the lines it shows on every frame, which for a long article cost
// more than the rest of opening it and of each scroll.
func (r *reader) show() {
	out := make([]string, len(r.lines))
	copy(out, r.lines)
	for i, m := range r.matches {
		style := r.st.match
		if i == r.current {
			style = r.st.currentMatch
		}
		out[m.line] = lipgloss.StyleRanges(out[m.line], lipgloss.NewRange(m.start, m.end, style))
	}
	r.shown = out
	y := r.vp.YOffset()
	r.vp.SetContentLines(make([]string, len(out)))
	r.vp.SetYOffset(y)
}

// visible is the page's lines that fit at the viewport's place, each cut
// or padded to the reader's width, and padded to its height.
func (r reader) visible() string {
	w, h := r.vp.Width(), r.vp.Height()
	if w <= 0 || h <= 0 {
		return ""
	}
	from := min(r.vp.YOffset(), len(r.shown))
	return fitLines(r.shown[from:min(from+h, len(r.shown))], w, h)
}

func (r *reader) related() []feed.Related {
	if !r.open() || r.page().reading.Article == nil {
		return nil
	}
	return r.page().reading.Article.Related
}

// narrowRelated is the width below which the related list has short dates.
const narrowRelated = 60

// relatedMargin lines the related list up with Glamour's document margin.
const relatedMargin = "  "

func (r reader) relatedHeading() string {
	return relatedMargin + r.st.relatedHeading.Render("Relaterade nyheter")
}

// relatedLines are the entries: date and title, the one under the cursor
// marked when the list has the focus. An entry that is not in the cache
// opens in the browser, and says so with an arrow.
func (r reader) relatedLines(rel []feed.Related) []string {
	// Narrow, the long date would take half the line from the title: the
	// headline list's short one does.
	dateOf := longDate
	if r.width < narrowRelated && r.now != nil {
		dateOf = func(t time.Time) string { return shortDate(t, r.now()) }
	}
	dateWidth := 0
	for _, e := range rel {
		dateWidth = max(dateWidth, ansi.StringWidth(dateOf(e.Published)))
	}
	cursor := r.page().relCursor
	out := make([]string, len(rel))
	for i, e := range rel {
		date := dateOf(e.Published)
		date += strings.Repeat(" ", dateWidth-ansi.StringWidth(date))
		suffix := ""
		if e.ItemID == 0 {
			suffix = " ↗"
		}
		titleWidth := max(0, r.width-len(relatedMargin)-2-dateWidth-2-ansi.StringWidth(suffix)-1)
		title := ansi.Truncate(e.Title, titleWidth, "…")
		if r.focusRelated && i == cursor {
			row := "› " + date + "  " + title + suffix
			out[i] = relatedMargin + r.st.cursor.Render(row)
			continue
		}
		out[i] = relatedMargin + "  " + r.st.relatedDate.Render(date) + "  " + title + r.st.relatedExternal.Render(suffix)
	}
	return out
}

// update handles the reader's keys and messages. What reaches beyond the
// reader (a link to open, a page to read, the last page closed, a word
// for the message line) goes back to the root as an intent.
func (r reader) update(msg tea.Msg, k keyMap) (reader, tea.Cmd) {
	if !r.open() {
		return r, nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if !key.Matches(msg, k.Link, k.Open) {
			r.linkDigits = ""
		}
		switch {
		case key.Matches(msg, k.Back):
			if r.query != "" {
				r.clearSearch()
				return r, nil
			}
			return r, r.back()
		case key.Matches(msg, k.Open):
			if r.linkDigits != "" {
				return r, r.openLink()
			}
			if rel, ok := r.selectedRelated(); ok {
				return r, r.openRelated(rel)
			}
			return r, nil
		case key.Matches(msg, k.Tab):
			if !r.toggleFocus() {
				return r, say(r.t.noRelated)
			}
			return r, nil
		case key.Matches(msg, k.Link):
			return r, r.typeDigit(msg.String())
		case key.Matches(msg, k.Browser):
			return r, browse(r.url())
		case key.Matches(msg, k.NextMatch, k.PrevMatch) && r.query != "" && len(r.matches) == 0:
			return r, say(fmt.Sprintf(r.t.noMatches, r.query))
		}
		r.scroll(msg, k)
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		r.vp, cmd = r.vp.Update(msg)
		return r, cmd
	case tea.MouseClickMsg:
		return r, r.click(msg.Y)
	case linkTimeoutMsg:
		if msg.seq == r.linkSeq && r.linkDigits != "" {
			return r, r.openLink()
		}
	}
	return r, nil
}

// waiting reports an article opened whose text is not on the page yet, or
// only its first screens.
func (r reader) waiting() bool {
	return r.open() && (r.rendered == "" || r.partial)
}

// keepRendered keeps a rendering, and shows it if it is the one the page
// waits for; one rendered ahead (prerender) arrives with the reader
// closed.
func (r *reader) keepRendered(msg renderedMsg) {
	if msg.err != nil {
		// Glamour failing is not worth an empty page: say so instead.
		msg.out = "\n  " + errorText(msg.err)
	}
	if r.open() && msg.key == r.wantHead && r.rendered == "" {
		r.partial = true
		r.setRendered(msg.out)
		return
	}
	r.renders.put(msg.key, msg.out)
	if r.open() && msg.key == r.wantKey {
		if r.partial {
			r.page().yOffset = r.vp.YOffset() // the whole takes the head's place
		}
		r.partial = false
		r.setRendered(msg.out)
	}
}

// scroll moves through the text, or the related list when it has the
// focus, and steps between search matches.
func (r *reader) scroll(msg tea.KeyPressMsg, k keyMap) {
	if r.rendered == "" {
		// Still rendering: move where the text will be shown when it
		// comes, so that no key is lost to the wait.
		p := r.page()
		switch {
		case key.Matches(msg, k.Top):
			p.yOffset = 0
		case key.Matches(msg, k.Bottom):
			p.yOffset = math.MaxInt32 // the viewport clamps it
		case key.Matches(msg, k.Down):
			p.yOffset++
		case key.Matches(msg, k.PageDown):
			p.yOffset += max(1, r.vp.Height())
		case key.Matches(msg, k.Up):
			p.yOffset = max(0, p.yOffset-1)
		case key.Matches(msg, k.PageUp):
			p.yOffset = max(0, p.yOffset-max(1, r.vp.Height()))
		}
		return
	}
	if r.focusRelated {
		r.updateRelated(msg, k)
		return
	}
	switch {
	case key.Matches(msg, k.Up):
		r.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		r.vp.ScrollDown(1)
	case key.Matches(msg, k.Top):
		r.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		r.vp.GotoBottom()
	case key.Matches(msg, k.PageUp):
		r.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		r.vp.PageDown()
	case key.Matches(msg, k.NextMatch):
		r.step(1)
	case key.Matches(msg, k.PrevMatch):
		r.step(-1)
	}
}

// read starts a new history on item it: the page shows at once with what
// the list knows, and fills when the article is read.
func (r *reader) read(it feed.Item) tea.Cmd {
	r.close()
	return r.openPage(it)
}

// openPage shows item it on top of the page shown.
func (r *reader) openPage(it feed.Item) tea.Cmd {
	r.push(page{reading: feed.Reading{Item: it}})
	id := it.ID
	return func() tea.Msg { return readMsg{id} }
}

// openRelated opens a related article. One that is not in the cache has
// no item to read it as, so it opens in the browser.
func (r *reader) openRelated(rel feed.Related) tea.Cmd {
	if rel.ItemID == 0 {
		return tea.Batch(say(fmt.Sprintf(r.t.notCached, rel.Title)), browse(rel.URL))
	}
	return r.openPage(feed.Item{Headline: feed.Headline{ID: rel.ItemID, Title: rel.Title, Published: rel.Published}, URL: rel.URL})
}

// back leaves the page for the previous one; past the first, the reader
// closes.
func (r *reader) back() tea.Cmd {
	if r.pop() {
		return r.render(false)
	}
	return func() tea.Msg { return readerClosedMsg{} }
}

// shows reports whether the page on top is item id's.
func (r reader) shows(id int64) bool {
	return r.open() && r.history[len(r.history)-1].reading.Item.ID == id
}

// setReading puts what the engine read of the page's article in place:
// pending while it is fetched, then the article or the summary.
func (r *reader) setReading(rd feed.Reading) tea.Cmd {
	p := r.page()
	if rd.Item.ID == 0 {
		rd.Item = p.reading.Item // a read that failed says only why
	}
	// The summary shown while the article was fetched stays on the
	// screen until the article is rendered in its place.
	wasLoading := p.loading
	p.reading, p.loading = rd, rd.Pending
	return r.render(wasLoading)
}

// render shows the page from the render cache, or renders it in the
// background. keep leaves the old rendering on the screen meanwhile (a
// resize), rather than a blank page.
func (r *reader) render(keep bool) tea.Cmd {
	if !r.open() || r.width == 0 {
		return nil
	}
	p := r.page()
	if keep {
		p.yOffset = r.vp.YOffset()
	}
	// While the article is fetched, the feed's summary reads meanwhile,
	// with a line saying the rest is on its way.
	k, md := r.pageRendering(p.reading, p.loading)
	r.wantKey, r.wantHead, r.partial = k, renderKey{}, false
	if out, ok := r.renders.get(k); ok {
		r.setRendered(out)
		return nil
	}
	if keep {
		return renderCmd(k, md)
	}
	r.rendered = ""
	if head, ok := articleHead(md); ok {
		// Glamour takes tens of milliseconds over a long article: its
		// first screens are rendered alone and show first. The whole
		// waits for them: rendered beside them, on two cores busy with
		// the rest, it held them back by half.
		r.wantHead = newRenderKey(head, k.width, k.style, k.image)
		headDone := make(chan struct{})
		headCmd, wholeCmd := renderCmd(r.wantHead, head), renderCmd(k, md)
		return tea.Batch(
			func() tea.Msg { defer close(headDone); return headCmd() },
			func() tea.Msg { <-headDone; return wholeCmd() })
	}
	return renderCmd(k, md)
}

// headMin is how long an article's Markdown must be for its head to be
// rendered first, and headAt where the head may end at the earliest:
// about two screens of text.
const (
	headMin = 4 << 10
	headAt  = 2000
)

// articleHead is the Markdown's first blocks, cut where rendering them
// alone gives the same lines as the top of the whole: between two
// paragraphs or before a heading, never inside a list, quote, table or
// code. ok is false for a short article, or one with no such place.
func articleHead(md string) (head string, ok bool) {
	if len(md) < headMin {
		return "", false
	}
	plain := func(block string) bool {
		if block == "" {
			return false
		}
		switch block[0] {
		case '-', '*', '+', '>', '|', '`', '~', ' ', '\t', '<':
			return false
		}
		digits := len(block) - len(strings.TrimLeft(block, "0123456789"))
		return digits == 0 || digits == len(block) || block[digits] != '.' && block[digits] != ')'
	}
	for at := headAt; at < len(md)-2; {
		i := strings.Index(md[at:], "\n\n")
		if i < 0 {
			return "", false
		}
		cut := at + i
		at = cut + 2
		prev := md[strings.LastIndex(md[:cut], "\n\n")+2 : cut]
		next := strings.TrimLeft(md[cut:], "\n")
		if strings.Count(md[:cut], "```")%2 == 0 && plain(prev) && plain(next) {
			return md[:cut] + "\n", true
		}
	}
	return "", false
}

// pageRendering is the Markdown of a page showing rd, and the key of its
// rendering at the reader's width. The links are made readable
// (displayLinks) in the command that renders: on a long article their
// patterns cost milliseconds that a key should not wait for.
func (r reader) pageRendering(rd feed.Reading, loading bool) (renderKey, string) {
	note := noteText(rd, r.t)
	if loading {
		note = r.t.notePending
	}
	md := articleMarkdown(rd, note, false)
	return newRenderKey(md, r.wrapWidth(), r.st.glamour, r.t.imageWord), md
}

// prerender renders item id's cached article in the background, as the
// reader would show it, into the render cache: the cursor has rested on
// it, and enter should only have to show it. Nothing happens for an
// article not cached or rendered already.
func (r reader) prerender(e *feed.Engine, id int64) tea.Cmd {
	if r.width == 0 {
		return nil
	}
	return func() tea.Msg {
		rd, err := e.CachedArticle(id)
		if err != nil || rd.Article == nil || rd.Pending {
			return nil
		}
		k, md := r.pageRendering(rd, false)
		if _, ok := r.renders.get(k); ok {
			return nil
		}
		if msg := renderCmd(k, md)().(renderedMsg); msg.err == nil {
			return msg
		}
		return nil
	}
}

// wrapWidth is the article's width: the pane's, but no wider than reads
// well.
func (r reader) wrapWidth() int { return max(20, min(maxWrap, r.width)) }

// typeDigit collects a link number. It opens the link as soon as no further
// digit could make a valid number: of 12 links, 1 waits a moment for a
// second digit (it could become 10, 11 or 12), 2 opens at once.
func (r *reader) typeDigit(d string) tea.Cmd {
	n := len(r.links())
	if n == 0 {
		return say(fmt.Sprintf(r.t.noLink, atoi(d)))
	}
	r.linkDigits += d
	if v := atoi(r.linkDigits); v*10 > n || len(r.linkDigits) >= len(strconv.Itoa(n)) {
		return r.openLink()
	}
	r.linkSeq++
	seq := r.linkSeq
	return tea.Tick(700*time.Millisecond, func(time.Time) tea.Msg { return linkTimeoutMsg{seq} })
}

func (r *reader) openLink() tea.Cmd {
	v := atoi(r.linkDigits)
	r.linkDigits = ""
	links := r.links()
	if v < 1 || v > len(links) {
		return say(fmt.Sprintf(r.t.noLink, v))
	}
	return browse(links[v-1])
}

// pendingLink is the link number typed so far, "" when none.
func (r reader) pendingLink() string { return r.linkDigits }

func atoi(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}

// click at line y of the pane: a related entry opens.
func (r *reader) click(y int) tea.Cmd {
	line := r.vp.YOffset() + y
	rel := r.related()
	if r.relStart < 0 || line <= r.relStart || line-r.relStart-1 >= len(rel) {
		return nil
	}
	i := line - r.relStart - 1
	r.page().relCursor = i
	r.focusRelated = true
	r.layout()
	return r.openRelated(rel[i])
}

// searchPosition is "match 2 of 5" while a search has matches, else "".
func (r reader) searchPosition() string {
	if !r.open() || r.query == "" || len(r.matches) == 0 {
		return ""
	}
	return fmt.Sprintf(r.t.matchOf, r.current+1, len(r.matches))
}

// updateRelated moves the cursor in the related list.
func (r *reader) updateRelated(msg tea.KeyPressMsg, k keyMap) {
	p := r.page()
	n := len(r.related())
	switch {
	case key.Matches(msg, k.Up):
		p.relCursor = max(0, p.relCursor-1)
	case key.Matches(msg, k.Down):
		p.relCursor = min(n-1, p.relCursor+1)
	case key.Matches(msg, k.Top):
		p.relCursor = 0
	case key.Matches(msg, k.Bottom):
		p.relCursor = n - 1
	case key.Matches(msg, k.NextMatch):
		r.step(1)
		return
	case key.Matches(msg, k.PrevMatch):
		r.step(-1)
		return
	default:
		return
	}
	r.layout()
	r.revealRelated()
}

// toggleFocus moves the focus between the text and the related list; it
// reports false when there is no related list to move to.
func (r *reader) toggleFocus() bool {
	if len(r.related()) == 0 {
		r.focusRelated = false
		return false
	}
	r.focusRelated = !r.focusRelated
	r.layout()
	if r.focusRelated {
		r.revealRelated()
	}
	return true
}

// revealRelated scrolls so that the heading and the entry under the cursor
// are on the screen.
func (r *reader) revealRelated() {
	if r.relStart < 0 {
		return
	}
	line := r.relStart + 1 + r.page().relCursor
	top := r.vp.YOffset()
	switch {
	case line >= top+r.vp.Height():
		r.vp.SetYOffset(max(r.relStart, line-r.vp.Height()+1))
	case r.relStart < top && line-r.relStart < r.vp.Height():
		r.vp.SetYOffset(r.relStart)
	case line < top:
		r.vp.SetYOffset(line)
	}
}

// selectedRelated is the related entry under the cursor, when the related
// list has the focus.
func (r reader) selectedRelated() (feed.Related, bool) {
	rel := r.related()
	if !r.focusRelated || len(rel) == 0 {
		return feed.Related{}, false
	}
	return rel[min(r.page().relCursor, len(rel)-1)], true
}

// setQuery searches the article for q and highlights every match, the
// first one at or below the top of the screen selected.
func (r *reader) setQuery(q string) {
	r.query = q
	r.searchLines()
	r.current = 0
	for i, m := range r.matches {
		if m.line >= r.vp.YOffset() {
			r.current = i
			break
		}
	}
	r.show()
	r.reveal()
}

// searchLines finds the query in the lines as they are shown, folding case
// rune by rune so that columns stay where they are on the screen.
func (r *reader) searchLines() {
	r.matches = nil
	q := []rune(fold(r.query))
	if len(q) == 0 {
		return
	}
	for i, line := range r.lines {
		plain := []rune(ansi.Strip(line))
		low := make([]rune, len(plain))
		for j, c := range plain {
			low[j] = unicode.ToLower(c)
		}
		for j := 0; j+len(q) <= len(low); j++ {
			if !runesEqual(low[j:j+len(q)], q) {
				continue
			}
			start := ansi.StringWidth(string(plain[:j]))
			end := start + ansi.StringWidth(string(plain[j:j+len(q)]))
			r.matches = append(r.matches, match{line: i, start: start, end: end})
			j += len(q) - 1
		}
	}
	if r.current >= len(r.matches) {
		r.current = 0
	}
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// step selects the next (1) or previous (-1) match.
func (r *reader) step(dir int) {
	if len(r.matches) == 0 {
		return
	}
	r.current = (r.current + dir + len(r.matches)) % len(r.matches)
	r.show()
	r.reveal()
}

// reveal scrolls the selected match into view, a third down the screen.
func (r *reader) reveal() {
	if len(r.matches) == 0 {
		return
	}
	line := r.matches[r.current].line
	if top := r.vp.YOffset(); line < top || line >= top+r.vp.Height() {
		r.vp.SetYOffset(line - r.vp.Height()/3)
	}
}

// clearSearch drops the query and its highlights.
func (r *reader) clearSearch() {
	r.query, r.matches, r.current = "", nil, 0
	r.show()
}

// links are the article's numbered links: link n is links[n-1].
func (r reader) links() []string {
	if !r.open() || r.page().reading.Article == nil {
		return nil
	}
	return r.page().reading.Article.Links
}

// url is the address of the article shown.
func (r reader) url() string {
	if !r.open() {
		return ""
	}
	rd := r.page().reading
	if rd.Article != nil && rd.Article.URL != "" {
		return rd.Article.URL
	}
	return rd.Item.URL
}

// view draws the article; busy is the spinner shown while the article is
// fetched or rendered.
func (r reader) view(busy string) string {
	if !r.open() {
		return ""
	}
	if r.rendered == "" {
		p := r.history[len(r.history)-1]
		title := r.st.previewTitle.Render(ansi.Truncate(p.reading.Item.Title, max(0, r.width-4), "…"))
		msg := "…"
		if p.loading {
			msg = busy + " " + r.t.fetchingArticle
		}
		return "\n" + relatedMargin + title + "\n\n" + relatedMargin + r.st.faint.Render(msg)
	}
	return r.visible()
}
