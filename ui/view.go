package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The root model's frame: the layout of list and reader, the empty and
// help screens, and the status bar with where the screen comes from.

func (m model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "nyss"
	if m.src.Title != "" {
		v.WindowTitle = "nyss — " + m.src.Title
	}
	return v
}

// screen is the whole frame: the body, the status bar, the line under it.
func (m model) screen() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	h := m.bodyHeight()
	var body string
	switch {
	case m.overlay == overlayHelp:
		body = m.helpView()
	case m.overlay == overlayMonths:
		body = m.months.view(m.st, m.cfg.text)
	case m.overlay == overlaySources:
		body = m.sources.view(m.width, m.st, m.cfg.text)
	case !m.loaded:
		body = m.st.empty.Render(m.cfg.text.loading)
	case m.list.empty():
		body = m.emptyView()
	case m.wide():
		body = m.wideView(h)
	case m.readerHasKeys():
		body = m.reader.view(m.status.spinnerView())
	default:
		body = m.list.view(m.st, m.cfg.text, true)
	}
	var b strings.Builder
	b.WriteString(fit(body, m.width, h))
	b.WriteByte('\n')
	b.WriteString(m.statusBar())
	b.WriteByte('\n')
	b.WriteString(m.bottomLine())
	return b.String()
}

// wideView is the list and the reader side by side.
func (m model) wideView(h int) string {
	lw, rw := m.listWidth(), m.readerWidth()
	focused := m.focus == focusList || !m.reader.open()
	list := m.list
	note := ""
	if list.away != "" && h > 2 {
		// The article on the right is not among the rows: the last line
		// of the pane says which it is.
		note = m.st.faint.Render(ansi.Truncate(" → "+fmt.Sprintf(m.cfg.text.awayFromList, list.away), lw, "…"))
		list.height--
		list.ensureVisible()
	}
	listView := list.view(m.st, m.cfg.text, focused)
	if note != "" {
		listView = fit(listView, lw, h-1) + "\n" + note
	}
	left := strings.Split(fit(listView, lw, h), "\n")
	var right string
	if m.reader.open() {
		right = m.reader.view(m.status.spinnerView())
	} else {
		right = m.preview(rw)
	}
	rightLines := strings.Split(fit(right, rw, h), "\n")
	// The divider lights up when the article has the keys; the list's
	// cursor bar is bright when the list has them.
	divider := m.st.divider.Render("│")
	if !focused {
		divider = m.st.dividerFocus.Render("│")
	}
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(left[i])
		b.WriteString(divider)
		b.WriteString(rightLines[i])
	}
	return b.String()
}

// preview is the right-hand pane before an article is opened: the
// highlighted headline's date and the feed's summary.
func (m model) preview(width int) string {
	it, ok := m.list.selected()
	if !ok {
		return ""
	}
	wrap := lipgloss.NewStyle().Width(max(1, min(width, maxWrap)-4))
	var b strings.Builder
	b.WriteString(m.st.previewTitle.Render(wrap.Render(it.Title)))
	if d := longDate(it.Published); d != "" {
		b.WriteString("\n" + m.st.faint.Render(d))
	}
	if s := strings.TrimSpace(m.detail.Summary); m.detail.ID == it.ID && s != "" {
		b.WriteString("\n\n" + wrap.Render(s))
	}
	b.WriteString("\n\n" + m.st.faint.Render(m.cfg.text.readWhole))
	return lipgloss.NewStyle().Padding(1, 2).Render(b.String())
}

// emptyView is the screen when the cache holds nothing for the source: it
// says why rather than showing an empty list.
func (m model) emptyView() string {
	t := m.cfg.text
	var s string
	switch {
	case m.sync.running:
		s = fmt.Sprintf(t.emptySyncing, m.cfg.label()) + "\n\n" + m.status.spinnerView() + " " + m.sync.text(t)
	case !m.online():
		s = fmt.Sprintf(t.emptyOffline, m.cfg.label())
	case m.sync.err != nil:
		s = fmt.Sprintf(t.emptyFailed, m.cfg.label(), errorText(m.sync.err))
	default:
		s = t.emptyFeed
	}
	return m.st.empty.Width(max(10, min(m.width, maxWrap))).Render(s)
}

func (m model) helpView() string {
	return m.helpScreen.view(m.helpContent(), m.st, m.cfg.text)
}

// statusBar: source · shown of total · month · filter, and where the screen
// comes from on the right. When the bar is short of room the source's name
// gives way first: the rest is what the screen is.
func (m model) statusBar() string {
	t := m.cfg.text
	name := m.src.Title
	if name == "" {
		name = m.cfg.label()
	}
	if s := m.list.source; s != "" {
		// Narrowed to one source of those read together.
		name = cmpOr(m.cfg.names[s], s)
	}
	var parts []string
	if n := m.list.freshAbove(); n > 0 {
		parts = append(parts, fmt.Sprintf(t.newAbove, n))
	}
	month, query := m.list.filters()
	// spare are the parts a narrow bar leaves out, in this order, before
	// it cuts the rest: "all months", which is no filter, and the unread
	// count. The filters in force show, before the source's name.
	var spare []string
	if m.hasData || !m.list.empty() {
		shown, total := m.list.counts()
		if m.partialTotal > 0 {
			total = m.partialTotal
		}
		heading := t.allMonths
		if month != "" {
			heading = monthHeading(month, t)
		} else {
			spare = append(spare, heading)
		}
		parts = append(parts, fmt.Sprintf(t.shown, shown, total), heading)
	}
	if query != "" {
		parts = append(parts, strconv.Quote(query))
	}
	if m.hasData || !m.list.empty() {
		read := m.readParts()
		spare = append(spare, read[0])
		parts = append(parts, read...)
	}
	origin := m.origin()
	rest := func() string {
		if len(parts) == 0 {
			return ""
		}
		return " · " + strings.Join(parts, " · ")
	}
	room := func() int { return m.width - ansi.StringWidth(origin) - ansi.StringWidth(rest()) - 4 }
	for _, s := range spare {
		if room() >= min(ansi.StringWidth(name), 12) {
			break
		}
		parts = slices.DeleteFunc(parts, func(p string) bool { return p == s })
	}
	if room() < 6 && len(parts) > 0 {
		// Narrower still: the filters go before the source's name.
		return m.status.bar(m.width, strings.Join(parts, " · "), origin, m.st)
	}
	name = ansi.Truncate(name, max(room(), 12), "…")
	return m.status.bar(m.width, name+rest(), origin, m.st)
}

// origin says where the screen comes from: a sync running, the time of the
// last fetch, an unchanged feed, or the cache and how old it is.
func (m model) origin() string {
	t := m.cfg.text
	now := m.now()
	switch {
	case m.sync.running:
		return m.status.spinnerView() + " " + m.sync.text(t)
	case !m.online() || m.sync.err != nil:
		if m.src.CheckedAt.IsZero() {
			return "offline — " + t.noCache
		}
		return fmt.Sprintf(t.offlineCache, t.ago(now.Sub(m.src.CheckedAt)))
	case m.sync.report != nil && m.sync.report.NotModified:
		changed := m.src.ChangedAt
		if changed.IsZero() {
			changed = m.src.CheckedAt
		}
		if checked := clock(m.src.CheckedAt, now); checked != clock(changed, now) {
			// A reader open all day says when it last asked: the list's
			// dates say when the news changed.
			return fmt.Sprintf(t.unchangedChecked, checked)
		}
		return fmt.Sprintf(t.unchangedAt, clock(changed, now))
	case m.sync.report != nil:
		return fmt.Sprintf(t.fetchedAt, clock(m.src.CheckedAt, now))
	case m.src.CheckedAt.IsZero():
		return t.neverFetched
	}
	return fmt.Sprintf(t.cacheFrom, t.ago(now.Sub(m.src.CheckedAt)))
}

// bottomLine is the text being typed, a message, the search position, or
// the keys that matter now.
func (m model) bottomLine() string {
	t := m.cfg.text
	switch {
	case m.prompt.active():
		return " " + m.prompt.view(m.width-1)
	case m.confirm.active():
		return " " + m.confirm.view()
	case m.status.hasMessage():
		return m.status.messageLine(m.width, m.st)
	case m.reader.pendingLink() != "":
		return " " + fmt.Sprintf(t.linkPending, m.reader.pendingLink())
	case m.readerHasKeys() && m.reader.searchPosition() != "":
		return " " + m.reader.searchPosition()
	}
	bindings := m.keys.ShortHelp()
	switch {
	case m.overlay == overlayNone && m.readerHasKeys():
		bindings = readerKeys{m.keys}.ShortHelp()
	case len(m.cfg.together) > 1:
		bindings = m.keys.severalHints()
	}
	return " " + hints(m.help, m.width-1, bindings, m.keys.Help, m.keys.Quit)
}

// fit makes s exactly w columns by h lines: cut, or padded with spaces, so
// that panes line up and the frame never scrolls.
func fit(s string, w, h int) string { return fitLines(strings.Split(s, "\n"), w, h) }

// fitLines is fit for text already in lines.
func fitLines(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		if lw := ansi.StringWidth(line); lw > w {
			line = ansi.Truncate(line, w, "…") // a long link, a wide table: cut, and says so
		} else if lw < w {
			line += strings.Repeat(" ", w-lw)
		}
		b.WriteString(line)
	}
	return b.String()
}

// cmpOr is the first of its arguments that is not empty.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
