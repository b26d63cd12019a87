package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
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

// lineInput is the one line where a filter or a search is typed:
// bubbles/textinput, so that ←/→, home/end, ctrl+a/ctrl+e, word moves and
// deletes work as in any shell. What is typed or pasted goes through the
// sanitizer first; the cursor does not blink, so an idle screen stays
// still.
type lineInput struct {
	prompt string
	ti     textinput.Model
}

func newLineInput() lineInput {
	ti := textinput.New()
	ti.Prompt = ""
	st := ti.Styles()
	st.Cursor.Blink = false
	ti.SetStyles(st)
	ti.Focus()
	return lineInput{ti: ti}
}

func (in *lineInput) set(s string) {
	if !in.ti.Focused() {
		*in = lineInput{prompt: in.prompt, ti: newLineInput().ti}
	}
	in.ti.SetValue(s)
	in.ti.CursorEnd()
}

func (in lineInput) text() string { return in.ti.Value() }

// update edits the value; it reports whether the value changed.
func (in *lineInput) update(msg tea.Msg) bool {
	switch m := msg.(type) {
	case tea.PasteMsg:
		m.Content = sanitize.Line(m.Content)
		msg = m
	case tea.KeyPressMsg:
		if m.Text != "" {
			m.Text = strings.ReplaceAll(sanitize.Text(m.Text), "\n", " ")
			if m.Text == "" {
				return false
			}
			msg = m
		}
	}
	before := in.ti.Value()
	in.ti, _ = in.ti.Update(msg)
	return in.ti.Value() != before
}

// view is the prompt and the value, scrolled to keep the cursor in sight.
func (in lineInput) view(width int) string {
	ti := in.ti
	ti.SetWidth(max(1, width-ansi.StringWidth(in.prompt)-1))
	return in.prompt + ti.View()
}
