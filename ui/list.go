package ui

import (
	"hash/fnv"
	neturl "net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/unicode/norm"

	"nyss/feed"
	"nyss/feed/sanitize"
)

// headlineList is the list of headlines: newest first, grouped under month
// headings, each row a date column and a title, unread rows marked. It is
// drawn by hand rather than with bubbles/list, whose one-item-per-row model
// has no place for headings between the rows.
//
// It holds every item of the source; the month and text filters pick which
// rows are shown. Filtering 10,000 items in memory takes well under a
// millisecond, so a month step never waits on the cache. The items come
// newest first with the undated last, each with its month in the reader's
// zone (feed.Undated for the undated): a month heading is a change of
// month from one item to the next.
type headlineList struct {
	items  headlines // no summaries: the list holds what it shows
	folded []string  // folded titles, for the text filter

	month feed.Month // the month filter: "" for none
	query string     // the text filter
	// unreadOnly hides the read headlines, but for the one under the
	// cursor: reading it must not pull it away.
	unreadOnly bool

	rows   []listRow
	shown  int // items among the rows
	cursor int // index into rows; always an item row, -1 when there is none
	offset int // first row drawn

	width, height int
	dateWidth     int
	now           time.Time

	// tags name each headline's source, when several are read together;
	// source narrows the list to one of them ("": all).
	tags   sourceTags
	source string

	// hits are the text filter's full-text search results: the items
	// whose title, summary or article has every word, each with a snippet
	// of where. hitsFor is the text they answer; until the search for the
	// text typed has answered, the titles are filtered meanwhile.
	hits    map[int64]string
	hitsFor string

	// away is the title of the article the reader shows beside the list
	// when the filters hide it: the list says so, as it cannot mark it.
	away string

	// fresh are the items a sync brought that have not been on the
	// screen yet: the status bar counts those above the viewport.
	fresh map[int64]bool
}

// listRow is a month heading, an item, or a search hit's snippet line.
// Small on purpose: a list of 50,000 headlines has as many rows.
type listRow struct {
	item int32 // index into items; of a heading, its month's first item
	kind rowKind
}

type rowKind uint8

const (
	itemRow    rowKind = iota
	headingRow         // a month's name
	snippetRow         // the line under a search hit that shows why it matched
)

// isItem is whether the row is a headline, which the cursor can be on.
func (r listRow) isItem() bool { return r.kind == itemRow }

// setItems replaces the items, keeping the cursor on the headline it was on
// and that headline where it was on the screen, so new items arriving from a
// sync do not move what the reader is looking at.
func (l *headlineList) setItems(items []feed.Headline, now time.Time) {
	selectedID, screenY := int64(0), 0
	if it, ok := l.selected(); ok {
		selectedID, screenY = it.ID, l.cursor-l.offset
	}
	l.noteFresh(items)
	l.items, l.now = newHeadlines(items), now
	l.folded = nil // folded when a text filter first needs them
	l.dateWidth = 0
	for _, it := range items {
		l.dateWidth = max(l.dateWidth, shortDateWidth(it.Published, now))
	}
	l.refilter(selectedID)
	if selectedID != 0 && l.cursor >= 0 {
		l.offset = l.cursor - screenY
		l.clampOffset()
	}
	l.seeFresh()
}

// noteFresh notes the items that a sync put above those known before: the
// newest. A reload that adds older ones below (the rest of a first read)
// brings nothing fresh.
func (l *headlineList) noteFresh(items []feed.Headline) {
	if l.items.len() == 0 {
		return
	}
	known := make(map[int64]bool, l.items.len())
	for i := range l.items.len() {
		known[l.items.id(i)] = true
	}
	for _, it := range items {
		if known[it.ID] {
			break
		}
		if l.fresh == nil {
			l.fresh = map[int64]bool{}
		}
		l.fresh[it.ID] = true
	}
}

// seeFresh forgets the fresh items that are on the screen now.
func (l *headlineList) seeFresh() {
	if len(l.fresh) == 0 {
		return
	}
	for i := l.offset; i < min(len(l.rows), l.offset+l.height); i++ {
		if r := l.rows[i]; r.isItem() {
			delete(l.fresh, l.items.id(int(r.item)))
		}
	}
}

// freshAbove counts the fresh items above the viewport.
func (l headlineList) freshAbove() int {
	n := 0
	for i := 0; i < min(l.offset, len(l.rows)); i++ {
		if r := l.rows[i]; r.isItem() && l.fresh[l.items.id(int(r.item))] {
			n++
		}
	}
	return n
}

// filters are the month filter ("" for none) and the text filter.
func (l headlineList) filters() (feed.Month, string) { return l.month, l.query }

// counts are how many headlines are shown, of how many.
func (l headlineList) counts() (shown, total int) { return l.shown, l.items.len() }

// empty is whether there are no headlines at all, whatever the filters.
func (l headlineList) empty() bool { return l.items.len() == 0 }

func (l *headlineList) setMonth(m feed.Month) { l.setFilters(m, l.query) }
func (l *headlineList) setQuery(query string) { l.setFilters(l.month, query) }

// setFilters changes the month and text filters, keeping the cursor on the
// same headline when it is still shown.
func (l *headlineList) setFilters(month feed.Month, query string) {
	selectedID := int64(0)
	if it, ok := l.selected(); ok {
		selectedID = it.ID
	}
	l.month, l.query = month, query
	l.refilter(selectedID)
}

// refilter rebuilds the rows from the items and the filters, and puts the
// cursor on the item with selectedID, or on the first row.
func (l *headlineList) refilter(selectedID int64) {
	q := fold(l.query)
	searched := q != "" && l.hitsFor == l.query && l.hits != nil
	if searched {
		q = "" // the search decides
	}
	if q != "" && l.folded == nil {
		l.folded = make([]string, l.items.len())
		for i := range l.items.len() {
			l.folded[i] = fold(l.items.title(i))
		}
	}
	// A new slice, not l.rows[:0]: the model is a value, and an earlier
	// copy of it may still be drawn.
	l.rows = make([]listRow, 0, l.items.len()+64)
	l.shown = 0
	l.cursor = -1
	group := feed.Month("\x00") // no heading drawn yet
	for i := range l.items.len() {
		it := l.items.at(i)
		if l.month != "" && it.Month != l.month {
			continue
		}
		if l.source != "" && it.Source != l.source {
			continue
		}
		if q != "" && !strings.Contains(l.folded[i], q) {
			continue
		}
		snippet, hit := l.hits[it.ID]
		if searched && !hit {
			continue
		}
		if l.unreadOnly && it.Read && it.ID != selectedID {
			continue
		}
		if it.Month != group {
			group = it.Month
			l.rows = append(l.rows, listRow{item: int32(i), kind: headingRow})
		}
		if it.ID == selectedID || l.cursor < 0 && selectedID == 0 {
			l.cursor = len(l.rows)
		}
		l.rows = append(l.rows, listRow{item: int32(i)})
		l.shown++
		if searched && snippet != "" {
			l.rows = append(l.rows, listRow{item: int32(i), kind: snippetRow})
		}
	}
	if l.cursor < 0 {
		l.cursor = l.firstItemRow()
	}
	l.offset = min(l.offset, max(0, len(l.rows)-1))
	l.ensureVisible()
}

func (l *headlineList) firstItemRow() int {
	for i, r := range l.rows {
		if r.isItem() {
			return i
		}
	}
	return -1
}

// selected is the headline under the cursor.
func (l headlineList) selected() (feed.Headline, bool) {
	if l.cursor < 0 || l.cursor >= len(l.rows) || !l.rows[l.cursor].isItem() {
		return feed.Headline{}, false
	}
	return l.items.at(int(l.rows[l.cursor].item)), true
}

// selectedMonth is the month the highlighted headline is listed under.
func (l headlineList) selectedMonth() feed.Month {
	it, _ := l.selected()
	return it.Month
}

// markRead sets an item's read state in the list without a reload.
func (l *headlineList) markRead(id int64) { l.setRead(id, true) }

// setRead sets an item's read state in the list without a reload; the
// cache is written by the caller.
func (l *headlineList) setRead(id int64, read bool) {
	if i := l.items.index(id); i >= 0 {
		l.items.setRead(i, read)
	}
}

// setCached notes that an item's whole article is now kept.
func (l *headlineList) setCached(id int64) {
	if i := l.items.index(id); i >= 0 {
		l.items.setCached(i, true)
	}
}

// markShownRead marks every headline shown read, as Engine.MarkShown does
// in the cache, and returns how many were unread.
func (l *headlineList) markShownRead() int {
	n := 0
	for _, r := range l.rows {
		if r.isItem() && !l.items.read(int(r.item)) {
			l.items.setRead(int(r.item), true)
			n++
		}
	}
	return n
}

// unreadShown is how many of the headlines shown are unread. Counting the
// rows each frame costs microseconds at 10,000 items, and cannot drift
// from what the rows show.
func (l headlineList) unreadShown() int {
	n := 0
	for _, r := range l.rows {
		if r.isItem() && !l.items.read(int(r.item)) {
			n++
		}
	}
	return n
}

// setUnreadOnly shows only the unread headlines, or all again.
func (l *headlineList) setUnreadOnly(on bool) {
	selectedID := int64(0)
	if it, ok := l.selected(); ok {
		selectedID = it.ID
	}
	l.unreadOnly = on
	l.refilter(selectedID)
}

// months counts the items per month, newest first, the undated last: what
// the month picker draws and what [ and ] step through.
func (l headlineList) months() []feed.MonthCount {
	var out []feed.MonthCount
	index := map[feed.Month]int{}
	for n := range l.items.len() {
		month := l.items.month(n)
		i, ok := index[month]
		if !ok {
			i = len(out)
			index[month] = i
			out = append(out, feed.MonthCount{Month: month})
		}
		out[i].Count++
		if !l.items.read(n) {
			out[i].Unread++
		}
	}
	// Items come newest first, but an item dated out of the feed's order
	// could put a month out of place; "YYYY-MM" sorts as a string.
	slices.SortFunc(out, func(a, b feed.MonthCount) int {
		switch {
		case a.Month == b.Month:
			return 0
		case a.Month == feed.Undated:
			return 1
		case b.Month == feed.Undated:
			return -1
		}
		return strings.Compare(string(b.Month), string(a.Month))
	})
	return out
}

// stepMonth moves the month filter to the next older or newer month that
// has news, in the picker's order (the undated group is the oldest). With
// no month filter, it selects the highlighted headline's. What cannot be
// done is said on the status line.
func (l *headlineList) stepMonth(older bool, t text) tea.Cmd {
	months := l.months()
	if len(months) == 0 {
		return say(t.noMonths)
	}
	if l.month == "" {
		target := l.selectedMonth()
		if target == "" {
			target = months[0].Month
		}
		l.setFilters(target, l.query)
		return nil
	}
	i := slices.IndexFunc(months, func(mc feed.MonthCount) bool { return mc.Month == l.month })
	switch {
	case older && i+1 < len(months):
		l.setFilters(months[i+1].Month, l.query)
	case !older && i > 0:
		l.setFilters(months[i-1].Month, l.query)
	case older:
		return say(t.noOlder)
	default:
		return say(t.noNewer)
	}
	return nil
}

func (l headlineList) update(msg tea.Msg, k keyMap) (headlineList, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			l.source = ""
			l.setFilters("", "")
		case key.Matches(msg, k.Browser):
			if it, ok := l.selected(); ok {
				return l, browseItem(it.ID)
			}
		case key.Matches(msg, k.Up):
			l.move(-1)
		case key.Matches(msg, k.Down):
			l.move(1)
		case key.Matches(msg, k.Top):
			l.cursor = l.firstItemRow()
			l.offset = 0
		case key.Matches(msg, k.Bottom):
			l.move(len(l.rows))
		case key.Matches(msg, k.PageUp):
			l.page(-1)
		case key.Matches(msg, k.PageDown):
			l.page(1)
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			l.move(-3)
		case tea.MouseWheelDown:
			l.move(3)
		}
	}
	l.ensureVisible()
	return l, nil
}

// move moves the cursor by n headlines, stepping over the headings.
func (l *headlineList) move(n int) {
	if l.cursor < 0 {
		return
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for i := l.cursor + step; n > 0 && i >= 0 && i < len(l.rows); i += step {
		if l.rows[i].isItem() {
			l.cursor = i
			n--
		}
	}
	l.ensureVisible()
}

// setSource narrows the list to one source of those read together; ""
// shows them all again.
func (l *headlineList) setSource(url string) {
	l.source = url
	l.setFilters(l.month, l.query)
}

// setHits takes the full-text search's answer for query: ignored when the
// text has changed since it was asked.
func (l *headlineList) setHits(query string, hits []feed.Hit) {
	if query != l.query {
		return
	}
	titles := make(map[int64]string, l.items.len())
	for i := range l.items.len() {
		titles[l.items.id(i)] = l.items.title(i)
	}
	l.hits, l.hitsFor = make(map[int64]string, len(hits)), query
	for _, h := range hits {
		// A hit in the title needs no line to say so: the title shows.
		plain := strings.NewReplacer(feed.HitStart, "", feed.HitEnd, "").Replace(h.Snippet)
		if strings.Trim(plain, "… ") == titles[h.ID] {
			h.Snippet = ""
		}
		l.hits[h.ID] = h.Snippet
	}
	// The answer to a new search starts at its first hit, newest first,
	// wherever the titles filtered meanwhile had put the cursor.
	l.offset = 0
	l.refilter(0)
}

// selectID puts the cursor on the item with id; false when no row shows it.
func (l *headlineList) selectID(id int64) bool {
	for i, r := range l.rows {
		if r.isItem() && l.items.id(int(r.item)) == id {
			l.cursor = i
			l.ensureVisible()
			return true
		}
	}
	return false
}

// toNextUnread moves the cursor to the next unread headline below it; false
// when there is none.
func (l *headlineList) toNextUnread() bool {
	for i := l.cursor + 1; l.cursor >= 0 && i < len(l.rows); i++ {
		if r := l.rows[i]; r.isItem() && !l.items.read(int(r.item)) {
			l.cursor = i
			l.ensureVisible()
			return true
		}
	}
	return false
}

// page moves a screenful of rows up (-1) or down (1), the screen with the
// cursor, so the cursor keeps its place on the screen as a pager's does.
func (l *headlineList) page(dir int) {
	if l.cursor < 0 {
		return
	}
	n := max(1, l.height-1)
	target := max(0, min(len(l.rows)-1, l.cursor+dir*n))
	// Land on a headline: past a heading in the direction of travel, or,
	// where the list ends in a heading (row 0 is always one), back the
	// other way, so that a page up near the top reaches the first
	// headline rather than doing nothing.
	if !l.rows[target].isItem() {
		target = l.nearestItemRow(target, dir)
		if target < 0 {
			return
		}
	}
	l.offset += target - l.cursor
	l.cursor = target
	l.clampOffset()
	l.ensureVisible()
}

// nearestItemRow is the first item row from row in direction dir, or, when
// there is none that way, in the other direction; -1 when there is none.
func (l headlineList) nearestItemRow(row, dir int) int {
	for _, d := range []int{dir, -dir} {
		for i := row; i >= 0 && i < len(l.rows); i += d {
			if l.rows[i].isItem() {
				return i
			}
		}
	}
	return -1
}

// clickRow selects the row at screen line y of the list; it reports whether
// that row was already the selected one (a second click opens it).
func (l *headlineList) clickRow(y int) (again, ok bool) {
	row := l.offset + y
	if y < 0 || row >= len(l.rows) || !l.rows[row].isItem() {
		return false, false
	}
	again = row == l.cursor
	l.cursor = row
	return again, true
}

func (l *headlineList) ensureVisible() {
	if l.cursor < 0 || l.height <= 0 {
		return
	}
	top := l.cursor
	// Show the heading above the first item of a month.
	if top > 0 && l.rows[top-1].kind == headingRow {
		top--
	}
	if top < l.offset {
		l.offset = top
	}
	if l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	l.clampOffset()
}

func (l *headlineList) clampOffset() {
	l.offset = max(0, min(l.offset, len(l.rows)-l.height))
}

func (l *headlineList) setSize(w, h int) {
	l.width, l.height = w, h
	l.tags = l.tags.fit(w)
	l.ensureVisible()
}

// view draws the rows that fit. focused is false when the reader beside it
// has the keys, and the cursor is drawn quieter.
func (l headlineList) view(st uiStyles, t text, focused bool) string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	if len(l.rows) == 0 {
		return st.faint.Render(" " + t.noMatch)
	}
	var b strings.Builder
	end := min(len(l.rows), l.offset+l.height)
	for i := l.offset; i < end; i++ {
		if i > l.offset {
			b.WriteByte('\n')
		}
		r := l.rows[i]
		if r.kind == headingRow {
			name := monthHeading(l.items.month(int(r.item)), t)
			b.WriteString(st.heading.Render(ansi.Truncate(" "+name, l.width, "…")))
			continue
		}
		if r.kind == snippetRow {
			indent := 6 + l.dateWidth // under the title
			if l.tags.width > 0 {
				indent += l.tags.width + 2
			}
			b.WriteString(strings.Repeat(" ", indent) +
				snippetLine(l.hits[l.items.id(int(r.item))], max(0, l.width-indent), st))
			continue
		}
		b.WriteString(l.itemRow(int(r.item), i == l.cursor, focused, st))
	}
	return b.String()
}

// itemRow is one headline: unread marker, offline mark, date column, title.
func (l headlineList) itemRow(i int, selected, focused bool, st uiStyles) string {
	it := l.items.at(i)
	marker := "  "
	if !it.Read {
		marker = " •"
	}
	// The whole article is kept, so it reads offline; without the mark
	// only the feed's summary is.
	saved := " "
	if it.Cached {
		saved = savedMark
	}
	date := shortDate(it.Published, l.now)
	date += strings.Repeat(" ", l.dateWidth-ansi.StringWidth(date))
	tag, tagStyle := l.tags.of(it.Source)
	if tag != "" {
		tag += strings.Repeat(" ", l.tags.width-ansi.StringWidth(tag)) + "  "
	}
	titleWidth := max(0, l.width-ansi.StringWidth(marker)-l.dateWidth-4-ansi.StringWidth(tag))
	title := ansi.Truncate(it.Title, titleWidth, "…")

	if selected {
		// A bar in the first cell marks the cursor also where colours are
		// few; it is bright while the list has the keys.
		row := marker[1:] + saved + " " + date + "  " + tag + title
		row += strings.Repeat(" ", max(0, l.width-1-ansi.StringWidth(row)))
		if focused {
			return st.cursorBar.Render(cursorBar) + st.cursor.Render(row)
		}
		return st.cursorBarBlurred.Render(cursorBar) + st.cursorBlurred.Render(row)
	}
	titleStyle := st.title
	if it.Read {
		titleStyle = st.readTitle
	}
	if tag != "" {
		tag = st.tag(tagStyle).Render(tag)
	}
	return st.unread.Render(marker) + st.faint.Render(saved) + " " + st.date.Render(date) + "  " + tag + titleStyle.Render(title)
}

// cursorBar is the first cell of the cursor's row.
const cursorBar = "▌"

// savedMark marks a headline whose whole article is kept.
const savedMark = "✓"

// shortDateWidth is the width of shortDate(t, now), without building the
// string: the date column is as wide as its widest date, and measuring
// 10,000 dates by formatting them costs more than a frame.
func shortDateWidth(t, now time.Time) int {
	if t.IsZero() {
		return 0
	}
	t, now = t.Local(), now.Local()
	y, m, d := t.Date()
	ny, nm, nd := now.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	today := time.Date(ny, nm, nd, 0, 0, 0, 0, time.Local)
	if day.Equal(today) || day.Equal(today.AddDate(0, 0, -1)) {
		return 4 // "idag", "igår"
	}
	w := 5 // "d mmm"
	if d >= 10 {
		w++
	}
	if y != ny {
		w += 5 // " yyyy"
	}
	return w
}

// fold makes text comparable without regard to case, for å, ä and ö as
// for ASCII: composed (NFC) and lower-cased rune by rune.
func fold(s string) string {
	return strings.Map(unicode.ToLower, norm.NFC.String(s))
}

// snippetMarkup is the Markdown in a snippet of an article that reads as
// noise on one line: link targets, link numbers, emphasis and heading
// marks, escapes.
var snippetMarkup = regexp.MustCompile(`\]\([^)\s]*\)?|\[\d+\]|[*#>` + "`" + `\[\]\\]`)

var spaces = regexp.MustCompile(`\s+`)

// snippetLine is a search hit's snippet on one line of width cells, the
// words found highlighted.
func snippetLine(s string, width int, st uiStyles) string {
	s = spaces.ReplaceAllString(snippetMarkup.ReplaceAllString(s, ""), " ")
	// The plain text, and where in it (in cells) the words found are.
	var plain strings.Builder
	var found [][2]int
	at, start := 0, -1
	for _, r := range strings.TrimSpace(s) {
		switch string(r) {
		case feed.HitStart:
			start = at
		case feed.HitEnd:
			if start >= 0 {
				found = append(found, [2]int{start, at})
			}
			start = -1
		default:
			plain.WriteRune(r)
			at += ansi.StringWidth(string(r))
		}
	}
	line := plain.String()
	if len(found) > 0 && found[0][1] > width-1 {
		// A narrow list: the line starts a little before the first word
		// found, so that it shows.
		cut := max(0, found[0][0]-width/4)
		line = ansi.TruncateLeft(line, cut, "…")
		for i := range found {
			found[i][0], found[i][1] = found[i][0]-cut+1, found[i][1]-cut+1
		}
	}
	line = ansi.Truncate(line, width, "…")
	var ranges []lipgloss.Range
	for _, f := range found {
		if f[0] >= 0 && f[0] < width {
			ranges = append(ranges, lipgloss.NewRange(f[0], min(f[1], width-1), st.hit))
		}
	}
	return lipgloss.StyleRanges(st.faint.Render(line), ranges...)
}

// sourceTags are the short names of the sources read together, each with
// a colour of its own that stays with the source (it follows from the
// URL, not from the place in the list).
type sourceTags struct {
	names map[string]string // whole, sanitized
	text  map[string]string // as fitted to the list's width
	hue   map[string]int
	width int
}

// maxTag is the widest a tag gets: a word or two of the name; narrowTag
// is its width in a list narrower than wideList, where titles need the
// room more.
const (
	maxTag    = 12
	narrowTag = 8
	wideList  = 100
)

func newSourceTags(urls []string, names map[string]string) sourceTags {
	t := sourceTags{names: map[string]string{}, hue: map[string]int{}}
	for _, url := range urls {
		name := names[url]
		if name == "" {
			name = strings.TrimPrefix(hostOf(url), "www.")
		}
		t.names[url] = sanitize.Line(name)
		h := fnv.New32a()
		h.Write([]byte(url))
		t.hue[url] = int(h.Sum32() % uint32(len(tagColours)))
	}
	return t.fit(wideList)
}

// fit shortens the tags for a list listWidth wide. In a wide one a long
// name is cut off with "…"; in a narrow one it keeps its first words that
// fit ("Region Kronoberg": "Region"), unless two sources would then look
// alike: those keep their last words ("Kronobe…", "Skåne").
func (t sourceTags) fit(listWidth int) sourceTags {
	if t.names == nil {
		return t
	}
	short := func(name string) string { return ansi.Truncate(name, maxTag, "…") }
	budget := maxTag
	if listWidth < wideList {
		budget = narrowTag
		short = func(name string) string { return firstWords(name, narrowTag) }
	}
	t.text, t.width = map[string]string{}, 0
	seen := map[string]int{}
	for url, name := range t.names {
		t.text[url] = short(name)
		seen[t.text[url]]++
	}
	for url, name := range t.names {
		if seen[t.text[url]] > 1 && listWidth < wideList {
			t.text[url] = lastWords(name, budget)
		}
		t.width = max(t.width, ansi.StringWidth(t.text[url]))
	}
	return t
}

// firstWords is as many of name's first words as fit in width cells, or,
// when the first alone does not, it cut off with "…".
func firstWords(name string, width int) string {
	return fitWords(strings.Fields(name), width, func(short, w string) string { return short + " " + w })
}

// lastWords is firstWords from the end of the name.
func lastWords(name string, width int) string {
	words := strings.Fields(name)
	slices.Reverse(words)
	return fitWords(words, width, func(short, w string) string { return w + " " + short })
}

func fitWords(words []string, width int, join func(short, w string) string) string {
	if len(words) == 0 {
		return ""
	}
	short := words[0]
	if ansi.StringWidth(short) > width {
		return ansi.Truncate(short, width, "…")
	}
	for _, w := range words[1:] {
		next := join(short, w)
		if ansi.StringWidth(next) > width {
			break
		}
		short = next
	}
	return short
}

// of is the tag of the source at url, and its colour's index.
func (t sourceTags) of(url string) (string, int) {
	if t.text == nil {
		return "", 0
	}
	return t.text[url], t.hue[url]
}

func hostOf(raw string) string {
	u, err := neturl.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}
