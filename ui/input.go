package ui

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed/sanitize"
)

// lineInput is the one line where a filter or a search is typed. A filter
// needs little of an editor: type, delete backwards, clear. It stands in for
// bubbles/textinput, which would bring a clipboard module this program does
// not otherwise need, and a blinking cursor that redraws the screen.
type lineInput struct {
	prompt string
	value  []rune
}

func (in *lineInput) set(s string) { in.value = []rune(s) }

func (in lineInput) text() string { return string(in.value) }

// update edits the value; it reports whether the value changed.
func (in *lineInput) update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.value = append(in.value, []rune(sanitize.Line(msg.Content))...)
		return true
	case tea.KeyPressMsg:
		switch msg.Keystroke() {
		case "backspace", "ctrl+h":
			if len(in.value) > 0 {
				in.value = in.value[:len(in.value)-1]
				return true
			}
			return false
		case "ctrl+u":
			in.value = nil
			return true
		case "ctrl+w", "alt+backspace":
			v := strings.TrimRightFunc(string(in.value), unicode.IsSpace)
			i := strings.LastIndexFunc(v, unicode.IsSpace)
			in.value = []rune(v[:i+1])
			return true
		}
		if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
			in.value = append(in.value, []rune(strings.ReplaceAll(sanitize.Text(msg.Text), "\n", " "))...)
			return true
		}
	}
	return false
}

// view is the prompt and the value, its end kept in sight, with a block
// cursor after it.
func (in lineInput) view(width int) string {
	v := string(in.value)
	room := max(1, width-ansi.StringWidth(in.prompt)-1)
	if ansi.StringWidth(v) > room {
		v = ansi.TruncateLeft(v, ansi.StringWidth(v)-room, "…")
	}
	return in.prompt + v + "█"
}
