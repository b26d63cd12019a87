package ui

import (
	"testing"
	"time"

	"nyss/feed"
)

func TestDates(t *testing.T) {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	old := time.Local
	time.Local = stockholm
	t.Cleanup(func() { time.Local = old })

	now := time.Date(2026, 11, 27, 10, 0, 0, 0, stockholm)
	tests := []struct {
		name  string
		t     time.Time
		long  string
		short string
	}{
		{"seed date", time.Date(2022, 6, 14, 9, 5, 0, 0, stockholm), "14 juni 2022", "14 jun 2022"},
		{"UTC evening is the next local day", time.Date(2022, 5, 31, 23, 30, 0, 0, time.UTC), "1 juni 2022", "1 jun 2022"},
		{"today", now.Add(-time.Hour), "27 november 2026", "idag"},
		{"yesterday", now.AddDate(0, 0, -1), "26 november 2026", "igår"},
		{"this year", time.Date(2026, 3, 2, 8, 0, 0, 0, stockholm), "2 mars 2026", "2 mar"},
		{"undated", time.Time{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := longDate(tt.t); got != tt.long {
				t.Errorf("longDate = %q, want %q", got, tt.long)
			}
			if got := shortDate(tt.t, now); got != tt.short {
				t.Errorf("shortDate = %q, want %q", got, tt.short)
			}
		})
	}
	for m, want := range map[feed.Month]string{"2022-06": "juni 2022", feed.Undated: "utan datum"} {
		if got := monthHeading(m, swedish); got != want {
			t.Errorf("monthHeading(%q) = %q, want %q", m, got, want)
		}
	}
}
