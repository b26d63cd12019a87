package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed"
)

// monthPicker lists every month that has news, newest first, with its
// count drawn as a horizontal bar, so the shape of the archive shows at a
// glance. enter filters the list to the month under the cursor.
type monthPicker struct {
	months        []feed.MonthCount
	active        feed.Month // the month filter in force, marked in the list
	cursor        int
	offset        int
	width, height int
}

// pickedMonthMsg is sent when enter chooses a month.
type pickedMonthMsg struct{ month feed.Month }

// closePickerMsg is sent when esc (or m again) closes the picker.
type closePickerMsg struct{}

// open shows the months, with the cursor on the active month, else on the
// month of the highlighted headline.
func (p monthPicker) open(months []feed.MonthCount, active, highlighted feed.Month) monthPicker {
	p.months, p.active, p.cursor, p.offset = months, active, 0, 0
	want := active
	if want == "" {
		want = highlighted
	}
	for i, m := range months {
		if m.Month == want {
			p.cursor = i
		}
	}
	p.ensureVisible()
	return p
}

func (p monthPicker) update(msg tea.Msg, k keyMap) (monthPicker, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			p.cursor = max(0, p.cursor-1)
		case key.Matches(msg, k.Down):
			p.cursor = min(len(p.months)-1, p.cursor+1)
		case key.Matches(msg, k.Top):
			p.cursor = 0
		case key.Matches(msg, k.Bottom):
			p.cursor = len(p.months) - 1
		case key.Matches(msg, k.PageUp):
			p.cursor = max(0, p.cursor-p.rowsShown())
		case key.Matches(msg, k.PageDown):
			p.cursor = min(len(p.months)-1, p.cursor+p.rowsShown())
		case key.Matches(msg, k.Open):
			if p.cursor >= 0 && p.cursor < len(p.months) {
				month := p.months[p.cursor].Month
				return p, func() tea.Msg { return pickedMonthMsg{month} }
			}
		case key.Matches(msg, k.Back), key.Matches(msg, k.Months):
			return p, func() tea.Msg { return closePickerMsg{} }
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			p.cursor = max(0, p.cursor-1)
		case tea.MouseWheelDown:
			p.cursor = min(len(p.months)-1, p.cursor+1)
		}
	case tea.MouseClickMsg:
		// The months start under the title and its blank line.
		if i := p.offset + msg.Y - 2; msg.Y >= 2 && i < len(p.months) {
			p.cursor = i
			month := p.months[i].Month
			return p, func() tea.Msg { return pickedMonthMsg{month} }
		}
	}
	p.ensureVisible()
	return p, nil
}

// rowsShown is how many months fit under the title and above the hint.
func (p monthPicker) rowsShown() int { return max(1, p.height-4) }

func (p *monthPicker) ensureVisible() {
	n := p.rowsShown()
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+n {
		p.offset = p.cursor - n + 1
	}
	p.offset = max(0, min(p.offset, len(p.months)-n))
}

func (p *monthPicker) setSize(w, h int) {
	p.width, p.height = w, h
	p.ensureVisible()
}

// eighths are the partial blocks that end a bar, so that counts close to
// each other still differ in length.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

func (p monthPicker) view(st uiStyles, t text) string {
	var b strings.Builder
	b.WriteString(st.overlayTitle.Render(" " + t.monthsTitle))
	b.WriteByte('\n')
	if len(p.months) == 0 {
		b.WriteString(st.faint.Render(" " + t.noMonths))
		return b.String()
	}

	nameWidth, most, unreadWidth := 0, 0, 0
	for _, m := range p.months {
		nameWidth = max(nameWidth, ansi.StringWidth(monthHeading(m.Month, t)))
		most = max(most, m.Count)
		unreadWidth = max(unreadWidth, ansi.StringWidth(t.list.unreadCount(m.Unread)))
	}
	countWidth := len(fmt.Sprint(most))
	// marker, name, gap, bar, gap, count, gap, unread
	barWidth := min(50, p.width-3-nameWidth-2-2-countWidth-2-unreadWidth-1)

	end := min(len(p.months), p.offset+p.rowsShown())
	for i := p.offset; i < end; i++ {
		m := p.months[i]
		name := monthHeading(m.Month, t)
		name += strings.Repeat(" ", nameWidth-ansi.StringWidth(name))
		marker := "   "
		if i == p.cursor {
			marker = " › "
		}
		nameStyle := st.barName
		if m.Month == p.active {
			nameStyle = st.barActive
		}
		row := marker + nameStyle.Render(name) + "  "
		if barWidth > 0 {
			row += st.bar.Render(bar(m.Count, most, barWidth)) + "  "
		}
		row += st.barCount.Render(fmt.Sprintf("%*d", countWidth, m.Count))
		// Unread beside the total, faint where a month is all read.
		unread := t.list.unreadCount(m.Unread)
		unread = strings.Repeat(" ", unreadWidth-ansi.StringWidth(unread)) + unread
		if m.Unread == 0 {
			row += "  " + st.faint.Render(unread)
		} else {
			row += "  " + st.unread.Render(unread)
		}
		if i == p.cursor {
			row = st.cursor.Render(ansi.Strip(row) + strings.Repeat(" ", max(0, p.width-ansi.StringWidth(row))))
		}
		b.WriteString(row)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(st.faint.Render(" " + t.monthsHint))
	return b.String()
}

// bar is count out of most as a bar width cells wide at most, padded to
// width, never empty for a month that has news.
func bar(count, most, width int) string {
	if most <= 0 || width <= 0 {
		return ""
	}
	total := count * width * 8 / most
	if total == 0 && count > 0 {
		total = 1
	}
	s := strings.Repeat("█", total/8) + eighths[total%8]
	return s + strings.Repeat(" ", width-ansi.StringWidth(s))
}
