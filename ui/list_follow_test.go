package ui

import (
	"strings"
	"testing"
)

// Side by side, the list marks the article shown on the right, also one
// reached by a related link, and again the one esc goes back to.
func TestTheListFollowsTheArticleOnTheRight(t *testing.T) {
	h, _ := newHarness(t, 140, 40)
	h.press("g", "enter", "tab", "enter")
	shown := h.m.reader.page().reading.Item
	if got := h.selectedTitle(); got != shown.Title || got == newestTitle {
		t.Fatalf("after a related link the list marks %q; the right shows %q", got, shown.Title)
	}
	barred := ""
	for _, l := range h.lines() {
		if strings.HasPrefix(l, cursorBar) {
			barred = l
		}
	}
	if list, _, _ := strings.Cut(barred, "│"); !strings.Contains(list, shown.Title) {
		t.Errorf("the cursor bar is on %q, not on the shown article", list)
	}
	h.press("esc")
	if got := h.selectedTitle(); got != newestTitle {
		t.Errorf("back on the first article, the list marks %q", got)
	}
}

// An article the filters hide cannot be marked: the list pane names it.
func TestTheListNamesAnArticleItsFilterHides(t *testing.T) {
	for _, tt := range []struct {
		lang text
		say  string
	}{
		{swedish, "→ till höger, utanför filtret: Vilka yrken"},
		{english, "→ on the right, outside the filter: Vilka yrken"},
	} {
		h := harnessIn(t, tt.lang, 140, 40)
		h.press("g", "]") // November only
		h.press("enter", "tab", "down", "down", "down", "enter")
		if got := h.m.reader.page().reading.Item.Title; got != "Vilka yrken behövs i framtiden?" {
			t.Fatalf("the related link opened %q", got)
		}
		h.mustShow(tt.say)
		h.press("esc")
		h.mustNotShow(tt.say)
	}
}

// Which pane has the keys shows: the divider lights up for the article,
// and the list's cursor bar is bright only while the list has them.
func TestTheFocusedPaneShows(t *testing.T) {
	h, _ := newHarness(t, 140, 40)
	h.press("enter")
	readerFocused := h.m.View().Content
	h.m.focus = focusList
	listFocused := h.m.View().Content
	if readerFocused == listFocused {
		t.Error("the screen is the same whichever pane has the keys")
	}
	if !strings.Contains(readerFocused, h.m.st.dividerFocus.Render("│")) {
		t.Error("the divider does not light up when the article has the keys")
	}
}
