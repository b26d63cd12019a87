package ui

import (
	"strings"
	"testing"

	"nyss/feed"
)

// r answers also when nothing changed: when it checked, and that there
// was nothing new. A sync the person did not ask for says nothing of it.
func TestRefreshSaysWhenItCheckedAndThatNothingIsNew(t *testing.T) {
	for _, tt := range []struct {
		lang text
		want string
	}{
		{swedish, "kontrollerad 09:00 · inget nytt"},
		{english, "checked 09:00 · nothing new"},
	} {
		cfg, _ := testConfig(t, fixtureStore(t))
		cfg.text = tt.lang
		cfg.engine.Client = fixtureClient()
		h := startHarness(t, cfg, 100, 30)
		// The sync of the start found the fixture as it was synced.
		if strings.Contains(h.bottomLine(), tt.want) {
			t.Errorf("the start's own sync says %q", h.bottomLine())
		}
		h.press("r")
		if !strings.Contains(h.bottomLine(), tt.want) {
			t.Errorf("r with nothing new says %q, want %q", h.bottomLine(), tt.want)
		}
	}
}

// Items a sync brings in above the viewport are counted in the status bar
// until they have been on the screen.
func TestNewItemsAboveTheViewportAreCounted(t *testing.T) {
	h, _ := newHarness(t, 100, 12) // a list longer than the screen
	h.press("G", "k", "k")
	var fresh []feed.Headline
	for i, title := range []string{"Första nya", "Andra nya", "Tredje nya"} {
		fresh = append(fresh, feed.Headline{ID: int64(1000 + i), Title: title, Month: "2022-11", Published: testNow})
	}
	h.send(loadedMsg{src: h.m.src, found: true, items: append(fresh, h.m.list.items.all()...)})
	if !strings.Contains(h.statusBar(), "3 nya ↑") {
		t.Errorf("status bar %q does not count the 3 new items above", h.statusBar())
	}
	h.mustNotShow("Första nya")

	// Once the top is on the screen, they are not new any more.
	h.press("g")
	h.mustShow("Första nya")
	h.press("G")
	if strings.Contains(h.statusBar(), "nya ↑") {
		t.Errorf("status bar %q still counts items that were seen", h.statusBar())
	}

	// A reload that adds older items below brings nothing new.
	items := h.m.list.items.all()
	h.send(loadedMsg{src: h.m.src, found: true, items: items[:len(items)-3]})
	h.send(loadedMsg{src: h.m.src, found: true, items: items})
	if strings.Contains(h.statusBar(), "nya ↑") {
		t.Errorf("status bar %q counts older items as new", h.statusBar())
	}
}
