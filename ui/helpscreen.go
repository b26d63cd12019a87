package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpScreen is the ? overlay: the keymap's groups as columns, as many
// side by side as the width takes and the rest below, so that no group is
// cut off at any width; what does not fit the height scrolls. The line
// saying how to close it stays in sight.
type helpScreen struct {
	offset        int
	width, height int
}

func (h *helpScreen) open() { h.offset = 0 }

func (h *helpScreen) setSize(w, hgt int) { h.width, h.height = w, hgt }

// update scrolls on the move keys and reports whether the help is to close:
// q, esc and ? close it, and so does any key that means nothing here, as it
// always has.
func (h helpScreen) update(msg tea.KeyPressMsg, k keyMap, content []string) (helpScreen, bool) {
	page := max(1, h.height-3)
	switch {
	case key.Matches(msg, k.Up):
		h.offset--
	case key.Matches(msg, k.Down):
		h.offset++
	case key.Matches(msg, k.PageUp):
		h.offset -= page
	case key.Matches(msg, k.PageDown):
		h.offset += page
	case key.Matches(msg, k.Top):
		h.offset = 0
	case key.Matches(msg, k.Bottom):
		h.offset = len(content)
	default:
		return h, true
	}
	h.offset = max(0, min(h.offset, len(content)-h.room()))
	return h, false
}

// room is how many lines of content show: the body less the padding and
// the closing line.
func (h helpScreen) room() int { return max(1, h.height-3) }

// content is the help's lines before scrolling: the title, the key groups
// packed into rows of columns, and the legend.
func (h helpScreen) content(hm help.Model, groups [][]key.Binding, legend []string, st uiStyles, t text) []string {
	width := max(1, h.width-4)
	hm.SetWidth(0) // each column whole; the packing below decides the width
	sep := hm.Styles.FullSeparator.Render(hm.FullSeparator)
	var rows, row []string
	rowWidth := 0
	for _, g := range groups {
		col := hm.FullHelpView([][]key.Binding{g})
		w := lipgloss.Width(col)
		if len(row) > 0 && rowWidth+lipgloss.Width(sep)+w > width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowWidth = nil, 0
		}
		if len(row) > 0 {
			row = append(row, sep)
			rowWidth += lipgloss.Width(sep)
		}
		row = append(row, col)
		rowWidth += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	lines := []string{st.overlayTitle.Render(t.helpTitle)}
	for i, r := range rows {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, strings.Split(r, "\n")...)
	}
	if len(legend) > 0 {
		lines = append(lines, "")
		lines = append(lines, legend...)
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return lines
}

// view is the part of content that fits, and the closing line under it.
func (h helpScreen) view(content []string, st uiStyles, t text) string {
	room := h.room()
	offset := max(0, min(h.offset, len(content)-room))
	end := min(len(content), offset+room)
	shown := content[offset:end]
	closing := t.helpClose
	if len(content) > room {
		closing = t.helpScroll + " · " + closing
	}
	body := strings.Join(shown, "\n")
	for range room - len(shown) {
		body += "\n"
	}
	body += "\n" + st.faint.Render(ansi.Truncate(closing, max(1, h.width-4), "…"))
	return lipgloss.NewStyle().Padding(1, 2, 0).Render(body)
}

// helpContent is the help screen's lines for the current width.
func (m model) helpContent() []string {
	return m.helpScreen.content(m.help, m.keys.FullHelp(), m.legend(), m.st, m.cfg.text)
}

// hints is the line of keys under the status bar, fitted to width: the
// keys that close the program and open the help always show, and the
// others give way from the end, whole, so that no separator is left
// dangling.
func hints(hm help.Model, width int, bindings []key.Binding, always ...key.Binding) string {
	isAlways := func(b key.Binding) bool {
		for _, a := range always {
			if b.Help().Key == a.Help().Key {
				return true
			}
		}
		return false
	}
	var optional, kept []key.Binding
	for _, b := range bindings {
		if isAlways(b) {
			kept = append(kept, b)
		} else {
			optional = append(optional, b)
		}
	}
	hm.SetWidth(0)
	for n := len(optional); n >= 0; n-- {
		s := hm.ShortHelpView(append(optional[:n:n], kept...))
		if lipgloss.Width(s) <= width || n == 0 {
			return ansi.Truncate(s, max(0, width), "…")
		}
	}
	return ""
}

// legend says what the marks in the headline list mean.
func (m model) legend() []string {
	t := m.cfg.text
	return []string{
		m.st.unread.Render("•") + " " + t.legendUnread,
		m.st.faint.Render(savedMark) + " " + t.legendSaved,
		"  " + t.legendNotSaved,
	}
}
