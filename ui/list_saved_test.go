package ui

import (
	"strings"
	"testing"

	"nyss/feed"
)

// rowOf is the screen line of the headline titled title.
func (h *harness) rowOf(title string) string {
	h.t.Helper()
	for _, l := range h.lines() {
		if strings.Contains(l, title) {
			return l
		}
	}
	h.t.Fatalf("no row for %q:\n%s", title, h.screen())
	return ""
}

// A headline whose whole article is saved has a tick, so that a person
// knows what reads offline; one with only the feed's summary has none, until
// the article comes.
func TestTheTickMarksWhatReadsOffline(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	if row := h.rowOf(secondTitle); !strings.HasPrefix(row, " •"+savedMark+" ") {
		t.Errorf("a saved article's row %q has no %s", row, savedMark)
	}

	// The second headline as if only its summary were saved.
	it := h.m.list.items.at(1)
	if it.Title != secondTitle {
		t.Fatalf("item 1 is %q", it.Title)
	}
	h.m.list.items.setCached(1, false)
	if row := h.rowOf(secondTitle); strings.Contains(row, savedMark) || !strings.HasPrefix(row, " •  14 nov") {
		t.Errorf("a summary-only row %q, want no %s in the same place", row, savedMark)
	}

	// Its article arrives: the tick appears, without a reload.
	h.send(articleMsg{id: it.ID, reading: feed.Reading{Item: feed.Item{Headline: it}, Article: &feed.Article{Markdown: "Text."}}})
	if row := h.rowOf(secondTitle); !strings.Contains(row, savedMark) {
		t.Errorf("after the article came, the row %q has no %s", row, savedMark)
	}

	// The help's legend says what the tick means, and its absence.
	h.press("?")
	h.mustShow(savedMark+" hela artikeln sparad (offline)", "utan "+savedMark+": bara sammanfattningen")
}
