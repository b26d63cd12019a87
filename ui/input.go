package ui

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed/sanitize"
)

// promptTarget is what the text typed is for.
type promptTarget int

const (
	promptNone   promptTarget = iota
	promptFilter              // the list's text filter
	promptSearch              // search inside the article
)

// prompt is the line under the status bar while a filter or a search is
// typed. Every key goes to it but enter, which ends typing, and esc, which
// also puts back the text from before; the text applies as it is typed.
type prompt struct {
	line   lineInput
	target promptTarget
	before string // the text before typing began, for esc
}

// start begins typing for target, with a label and the text so far.
func (p *prompt) start(target promptTarget, label, value string) {
	p.target, p.before = target, value
	p.line.prompt = label
	p.line.set(value)
}

func (p prompt) active() bool { return p.target != promptNone }

func (p prompt) update(msg tea.Msg, k keyMap) (prompt, tea.Cmd) {
	target := p.target
	report := func(text string, done bool) tea.Cmd {
		return func() tea.Msg { return promptMsg{target: target, text: text, done: done} }
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Accept):
			p.target = promptNone
			return p, report(p.line.text(), true)
		case key.Matches(msg, k.Cancel):
			p.target = promptNone
			p.line.set(p.before)
			return p, report(p.before, true)
		}
	}
	if p.line.update(msg) {
		return p, report(p.line.text(), false)
	}
	return p, nil
}

func (p prompt) view(width int) string { return p.line.view(width) }

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
