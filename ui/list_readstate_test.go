package ui

import (
	"strings"
	"testing"

	"nyss/feed"
)

// unreadInCache is how many of the fixture's items the cache holds unread.
func unreadInCache(t *testing.T, h *harness) int {
	t.Helper()
	hs, err := h.m.cfg.engine.Headlines(feed.Query{Sources: []string{fixtureSource}, Unread: true})
	if err != nil {
		t.Fatal(err)
	}
	return len(hs)
}

func TestUTogglesReadOnTheHighlightedHeadline(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("u")
	if it, _ := h.m.list.selected(); !it.Read {
		t.Fatal("u left the headline unread")
	}
	if got := unreadInCache(t, h); got != 17 {
		t.Errorf("the cache holds %d unread after u, want 17", got)
	}
	if !strings.Contains(h.statusBar(), "17 olästa") || !strings.Contains(h.bottomLine(), "markerad som läst") {
		t.Errorf("status %q / %q: want 17 unread and what u did", h.statusBar(), h.bottomLine())
	}
	h.press("u")
	if got := unreadInCache(t, h); got != 18 {
		t.Errorf("the cache holds %d unread after u u, want 18", got)
	}
	h.mustShow("markerad som oläst", "18 olästa")
}

func TestUInTheArticleMarksItUnreadAgain(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("enter") // reading marks it read
	if got := unreadInCache(t, h); got != 17 {
		t.Fatalf("opening an article left %d unread, want 17", got)
	}
	h.press("u")
	if got := unreadInCache(t, h); got != 18 {
		t.Errorf("u in the article left %d unread, want 18", got)
	}
	if !h.m.reader.open() {
		t.Error("u closed the article")
	}
}

// A asks first, on the status line; only yes marks, and only what the list
// shows: with the month filter on November, November alone.
func TestAMarksWhatIsShownAfterAskingYesOrNo(t *testing.T) {
	tests := []struct {
		name       string
		lang       text
		keys       []string
		question   string
		wantUnread int
	}{
		{"no keeps all unread", swedish, []string{"A", "n"}, "Markera 18 visade som lästa? (j/n)", 18},
		{"a stray key is no", swedish, []string{"A", "x"}, "Markera 18 visade som lästa? (j/n)", 18},
		{"j marks all", swedish, []string{"A", "j"}, "Markera 18 visade som lästa? (j/n)", 0},
		{"y marks all in Swedish too", swedish, []string{"A", "y"}, "Markera 18 visade som lästa? (j/n)", 0},
		{"y in English", english, []string{"A", "y"}, "Mark 18 shown as read? (y/n)", 0},
		{"the month filter applies", swedish, []string{"[", "A", "j"}, "Markera 5 visade som lästa? (j/n)", 13},
		{"the text filter applies", swedish, []string{"/", "delfin", "enter", "A", "j"}, "Markera 1 visade som lästa? (j/n)", 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _ := testConfig(t, fixtureStore(t))
			cfg.text = tt.lang
			h := startHarness(t, cfg, 100, 30)
			keys, answer := tt.keys[:len(tt.keys)-1], tt.keys[len(tt.keys)-1]
			h.press(keys...)
			if got := h.bottomLine(); got != " "+tt.question {
				t.Fatalf("after %v the status line says %q, want %q", keys, got, tt.question)
			}
			h.press(answer)
			if got := unreadInCache(t, h); got != tt.wantUnread {
				t.Errorf("the cache holds %d unread, want %d", got, tt.wantUnread)
			}
			if h.quit || h.m.confirm.active() {
				t.Error("the answer did not end the question")
			}
		})
	}
}

func TestAWithNothingUnreadSaysSo(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("A", "j", "A")
	if h.m.confirm.active() {
		t.Error("A asked to mark nothing")
	}
	h.mustShow("inget oläst bland de visade", "0 olästa")
}

// U shows only the unread; the headline under the cursor stays while it is
// read, so that reading does not pull it away.
func TestUShowsOnlyTheUnread(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("j", "u", "U")
	if shown, _ := h.m.list.counts(); shown != 18 {
		t.Errorf("%d shown: the read headline under the cursor should stay", shown)
	}
	h.mustShow("bara olästa", "visar bara olästa")
	h.press("j", "U", "U")
	if shown, _ := h.m.list.counts(); shown != 17 {
		t.Errorf("%d shown with unread only, want 17", shown)
	}
	h.mustNotShow(secondTitle)
	h.press("U")
	if shown, _ := h.m.list.counts(); shown != 18 {
		t.Errorf("%d shown after U again, want all 18", shown)
	}
}

func TestMonthPickerShowsUnreadBesideTotal(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("[", "A", "j", "esc", "m")
	h.mustShow("november 2022", "0 olästa")
	for _, l := range h.lines() {
		if strings.Contains(l, "november 2022") && !strings.HasSuffix(l, " 5  0 olästa") {
			t.Errorf("november row %q: want 5 of which 0 unread", l)
		}
		if strings.Contains(l, "oktober 2022") && !strings.HasSuffix(l, " 5  5 olästa") {
			t.Errorf("october row %q: want 5 of which 5 unread", l)
		}
	}
}

// TestANarrowStatusBarKeepsTheFiltersInForce checks that at 80 columns the
// status bar leaves out what is no filter ("alla månader") and then the
// unread count, rather than cut off the month or "bara olästa".
func TestANarrowStatusBarKeepsTheFiltersInForce(t *testing.T) {
	h, _ := newHarness(t, 80, 24)
	if bar := h.statusBar(); !strings.Contains(bar, "18 av 18 · 18 olästa") || strings.Contains(bar, "alla månader") {
		t.Errorf("status bar %q: want the unread count in the place of \"alla månader\"", bar)
	}
	h.press("]", "U")
	if bar := h.statusBar(); !strings.Contains(bar, "november 2022 · bara olästa") || strings.Contains(bar, "…  ") {
		t.Errorf("status bar %q: want the month and \"bara olästa\" whole", bar)
	}
}
