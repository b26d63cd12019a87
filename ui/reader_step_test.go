package ui

import (
	"strings"
	"testing"
)

// J and K step through the list from the reader, in the list's order and
// under its filters.
func TestJAndKStepThroughTheListFromTheReader(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("enter", "J")
	if !h.m.reader.open() || h.m.reader.page().reading.Item.Title != secondTitle {
		t.Fatalf("J opened %q, want %q", h.m.reader.page().reading.Item.Title, secondTitle)
	}
	h.mustShow(secondTitle)
	h.press("K")
	if got := h.m.reader.page().reading.Item.Title; got != newestTitle {
		t.Errorf("K opened %q, want %q", got, newestTitle)
	}
	h.press("K")
	if !strings.Contains(h.bottomLine(), "den första artikeln") {
		t.Errorf("K on the first says %q", h.bottomLine())
	}

	// Under a month filter, J stays in the month: October's last is the end.
	h.press("esc", "esc")
	h.press("]")          // the highlighted headline's month: November
	h.press("[")          // October
	h.press("G", "enter") // its last headline
	last := h.m.reader.page().reading.Item.Title
	h.press("J")
	if got := h.m.reader.page().reading.Item.Title; got != last || !strings.Contains(h.bottomLine(), "den sista artikeln") {
		t.Errorf("J on the month's last opened %q (was %q), says %q", got, last, h.bottomLine())
	}
}

// Space at the end of an article goes on to the next unread one, as in
// newsboat; before the end, it pages.
func TestSpaceAtTheEndReadsOnToTheNextUnread(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	// The second headline read already: space skips it.
	h.m.list.markRead(h.m.list.items.id(1))
	third := h.m.list.items.at(2).Title

	h.press("enter")
	if h.m.reader.atEnd() {
		t.Fatal("the first article fits on one screen: the test needs a longer one")
	}
	h.press("space")
	if got := h.m.reader.page().reading.Item.Title; got != newestTitle {
		t.Fatalf("space before the end left the article for %q", got)
	}
	h.press("G", "space")
	if got := h.m.reader.page().reading.Item.Title; got != third {
		t.Errorf("space at the end opened %q, want the next unread, %q", got, third)
	}

	// With nothing unread below, it says so.
	for i := range h.m.list.items.len() {
		h.m.list.items.setRead(i, true)
	}
	h.press("G", "space")
	if !strings.Contains(h.bottomLine(), "inga fler olästa") {
		t.Errorf("space at the end of the last unread says %q", h.bottomLine())
	}
}
