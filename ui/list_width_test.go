package ui

import (
	"strings"
	"testing"
)

// Side by side, the list takes what the article, wrapped at maxWrap, cannot
// use: at 200 columns no title is cut while space is left over.
func TestWideScreensGiveTheSpareWidthToTheTitles(t *testing.T) {
	for _, tt := range []struct{ width, wantList int }{
		{120, 54}, {160, 72}, {200, 95}, {240, 135},
	} {
		h, _ := newHarness(t, tt.width, 30)
		if got := h.m.listWidth(); got != tt.wantList {
			t.Errorf("at %d columns the list is %d wide, want %d", tt.width, got, tt.wantList)
		}
		if tt.width < 200 {
			continue
		}
		h.press("enter")
		if row := h.rowOf(newestTitle[:30]); !strings.Contains(row, newestTitle) {
			t.Errorf("at %d columns the newest title is cut: %q", tt.width, row)
		}
	}
}

// At 40 columns the related list has the short date, leaving the width to
// the titles; wider, the long one, as the site writes it.
func TestNarrowRelatedListHasShortDates(t *testing.T) {
	h, _ := newHarness(t, 40, 30)
	h.press("enter", "G")
	h.mustShow("Relaterade nyheter", "14 nov  ")
	h.mustNotShow("14 november 2022")

	h, _ = newHarness(t, 100, 30)
	h.press("enter", "G")
	h.mustShow("14 november 2022")
}
