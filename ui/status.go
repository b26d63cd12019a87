package ui

import (
	"strings"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// statusLine is the bar at the bottom: the source, how many headlines are
// shown of how many, the month filter, and on the right where the screen
// comes from. Under it, one line for a message, the text being typed, or
// the keys that matter now.
type statusLine struct {
	spinner  spinner.Model
	spinning bool

	message string
	isError bool
}

func newStatusLine() statusLine {
	return statusLine{spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
}

// spin starts the spinner unless it is turning already.
func (s *statusLine) spin() tea.Cmd {
	if s.spinning {
		return nil
	}
	s.spinning = true
	return s.spinner.Tick
}

// update advances the spinner while busy is true and lets it stop otherwise:
// a spinner tick that is not passed on schedules no next one.
func (s statusLine) update(msg tea.Msg, busy bool) (statusLine, tea.Cmd) {
	if _, ok := msg.(spinner.TickMsg); ok {
		if !busy {
			s.spinning = false
			return s, nil
		}
		var cmd tea.Cmd
		s.spinner, cmd = s.spinner.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s statusLine) spinnerView() string { return s.spinner.View() }

func (s statusLine) hasMessage() bool { return s.message != "" }

func (s *statusLine) say(msg string) { s.message, s.isError = msg, false }

// warn says something went wrong; msg is one line, and what it quotes of
// an error has been through errorText.
func (s *statusLine) warn(msg string) {
	s.message, s.isError = msg, true
}
func (s *statusLine) clear() { s.message, s.isError = "", false }

// bar draws the status bar: left is cut to make room for right.
func (s statusLine) bar(width int, left, right string, st uiStyles) string {
	right = " " + right + " "
	room := width - ansi.StringWidth(right)
	left = ansi.Truncate(" "+left, max(0, room), "…")
	gap := strings.Repeat(" ", max(0, room-ansi.StringWidth(left)))
	return st.status.Render(left+gap) + st.statusOrigin.Render(ansi.Truncate(right, width, ""))
}

// messageLine is the line under the bar when there is a message for it.
func (s statusLine) messageLine(width int, st uiStyles) string {
	style := st.message
	if s.isError {
		style = st.errorMessage
	}
	return style.Render(ansi.Truncate(" "+s.message, width, "…"))
}
