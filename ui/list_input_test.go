package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The text field edits as a shell line does: ←, →, home, end, ctrl+a and
// ctrl+e move; typing goes in at the cursor.
func TestTheTextFieldEditsInTheMiddle(t *testing.T) {
	left := tea.KeyPressMsg{Code: tea.KeyLeft}
	right := tea.KeyPressMsg{Code: tea.KeyRight}
	ctrl := func(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }
	tests := []struct {
		name string
		keys []tea.Msg
		want string
	}{
		{"← and insert", []tea.Msg{left, left, keyMsgs("x")[0]}, "växxjö"},
		{"home, then end", []tea.Msg{tea.KeyPressMsg{Code: tea.KeyHome}, keyMsgs("[")[0], tea.KeyPressMsg{Code: tea.KeyEnd}, keyMsgs("]")[0]}, "[växjö]"},
		{"ctrl+a, ctrl+e", []tea.Msg{ctrl('a'), keyMsgs("<")[0], ctrl('e'), keyMsgs(">")[0]}, "<växjö>"},
		{"← → backspace", []tea.Msg{left, left, right, tea.KeyPressMsg{Code: tea.KeyBackspace}}, "växö"},
		{"ctrl+w", []tea.Msg{keyMsgs(" ")[0], keyMsgs("län")[0], keyMsgs("län")[1], keyMsgs("län")[2], ctrl('w')}, "växjö "},
	}
	for _, tt := range tests {
		h, _ := newHarness(t, 100, 30)
		h.press("/", "växjö")
		for _, k := range tt.keys {
			h.send(k)
		}
		if got := h.m.prompt.line.text(); got != tt.want {
			t.Errorf("%s: the field holds %q, want %q", tt.name, got, tt.want)
		}
		// The filter follows the text as it is edited.
		if _, q := h.m.list.filters(); q != tt.want {
			t.Errorf("%s: the filter is %q, want %q", tt.name, q, tt.want)
		}
	}
}

// What is typed or pasted passes the sanitizer: no escape sequence
// reaches the field.
func TestTheTextFieldTakesNoEscapes(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("/")
	h.send(tea.PasteMsg{Content: "vård\x1b[2J\x1b]0;titel\x07"})
	if got := h.m.prompt.line.text(); got != "vård" {
		t.Errorf("pasted %q into the field", got)
	}
}
