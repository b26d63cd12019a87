package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A page up within a page of the top lands on the first headline: row 0 is
// the newest month's heading, and a page that stops there used to do nothing.
func TestPageUpNearTheTopLandsOnTheFirstHeadline(t *testing.T) {
	ctrlB := tea.KeyPressMsg{Code: 'b', Mod: tea.ModCtrl}
	tests := []struct {
		name   string
		height int
		keys   []string
		ctrlB  bool
	}{
		{"g j j j pgup", 18, []string{"g", "j", "j", "j", "pgup"}, false},
		{"g j j j ctrl+b", 18, []string{"g", "j", "j", "j"}, true},
		{"G pgup when the list fits", 40, []string{"G", "pgup"}, false},
		{"G ctrl+b when the list fits", 40, []string{"G"}, true},
		{"j pgup", 18, []string{"j", "pgup"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newHarness(t, 100, tt.height)
			h.press(tt.keys...)
			if tt.ctrlB {
				h.send(ctrlB)
			}
			if got := h.selectedTitle(); got != newestTitle {
				t.Errorf("selected %q, want the first headline %q", got, newestTitle)
			}
			if h.m.list.offset != 0 {
				t.Errorf("the list is scrolled to row %d; the first month's heading is out of sight", h.m.list.offset)
			}
			h.mustShow(strings.Fields(newestTitle)[0])
		})
	}
}
