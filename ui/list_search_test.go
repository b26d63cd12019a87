package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"nyss/feed"
)

// / in the list searches title, summary and article, combined with the
// month, as it is typed; each hit found in its text has a line under it
// that shows where, the word highlighted.
func TestSlashSearchesTheWholeTextWithSnippets(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("/", "yrken")
	h.mustShow("3 av 18", "Vilka yrken behövs i framtiden?", "Högstadieelever får ”hemligt” uppdrag",
		"Ny satsning ska locka fler till industrins yrken")
	// The snippet under a hit in the article text says why it matched.
	i := rowIndex(h, "Högstadieelever")
	if snippet := h.lines()[i+1]; !strings.Contains(snippet, "samtal om yrken inom IT") {
		t.Errorf("the line under the hit is %q", snippet)
	}
	// A hit in the title has no snippet: the title says it.
	i = rowIndex(h, "Ny satsning ska locka")
	if next := h.lines()[i+1]; strings.Contains(next, "Ny satsning") {
		t.Errorf("a title hit repeats its title under it: %q", next)
	}
	// The cursor steps over the snippets, from headline to headline.
	h.press("enter") // typing ends
	first := h.selectedTitle()
	h.press("j")
	if got := h.selectedTitle(); got == first || got == "" {
		t.Errorf("j from %q went to %q", first, got)
	}

	// Combined with the month: October has one.
	h.press("esc", "/", "yrken", "enter", "g", "]", "[")
	if h.m.list.month != "2022-10" || h.m.list.shown != 1 {
		t.Errorf("month %q: %d shown, want Vilka yrken alone", h.m.list.month, h.m.list.shown)
	}
}

// The word found stands out in the snippet, also without colour.
func TestSnippetHighlightsTheWordFound(t *testing.T) {
	for _, plain := range []bool{false, true} {
		st := newStyles(true, plain)
		line := snippetLine("…samtal om "+feed.HitStart+"yrken"+feed.HitEnd+" inom [IT](https://x.se/) [3] och **mer**", 60, st)
		if got := ansi.Strip(line); got != "…samtal om yrken inom IT och mer" {
			t.Errorf("plain %v: snippet reads %q", plain, got)
		}
		if !strings.Contains(line, st.hit.Render("yrken")) {
			t.Errorf("plain %v: the word found is not highlighted: %q", plain, line)
		}
	}
	if got := ansi.Strip(snippetLine(strings.Repeat("ord ", 40), 20, newStyles(true, true))); ansi.StringWidth(got) > 20 {
		t.Errorf("a long snippet is %d wide: %q", ansi.StringWidth(got), got)
	}
}

// In a list too narrow for the whole snippet, the line starts a little
// before the word found, so that the word shows, highlighted.
func TestANarrowSnippetShowsTheWordFound(t *testing.T) {
	st := newStyles(true, false)
	line := snippetLine("…män, flickor och pojkar får "+feed.HitStart+"vård"+feed.HitEnd+" på lika villkor i hela länet", 28, st)
	got := ansi.Strip(line)
	if ansi.StringWidth(got) > 28 || !strings.HasPrefix(got, "…") || !strings.Contains(got, "får vård på") {
		t.Errorf("snippet reads %q (%d wide)", got, ansi.StringWidth(got))
	}
	if !strings.Contains(line, st.hit.Render("vård")) {
		t.Errorf("the word found is not highlighted: %q", line)
	}
}

// A search answer that comes after more was typed is not used.
func TestAnOldSearchAnswerIsDropped(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("/", "yrken")
	h.send(hitsMsg{query: "yrk", hits: nil})
	h.mustShow("3 av 18")
}

func rowIndex(h *harness, title string) int {
	h.t.Helper()
	for i, l := range h.lines() {
		if strings.Contains(l, title) {
			return i
		}
	}
	h.t.Fatalf("no row %q:\n%s", title, h.screen())
	return -1
}

// A search's answer starts at its first hit, wherever typing left the
// cursor.
func TestASearchAnswerStartsAtTheFirstHit(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("G", "/", "yrken")
	if got := h.selectedTitle(); got != "Högstadieelever får ”hemligt” uppdrag och lär sig bygga nätverk" {
		t.Errorf("the cursor is on %q, want the newest hit", got)
	}
}
