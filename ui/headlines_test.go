package ui

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"nyss/feed"
)

// The list keeps its headlines compact; what it gives back is what it was
// given, and an absurdly long title is cut where a character starts.
func TestHeadlinesGiveBackWhatTheyHold(t *testing.T) {
	when := time.Date(2022, 11, 22, 9, 0, 0, 0, time.UTC)
	in := []feed.Headline{
		{ID: 1, Title: "Växjö får ny vårdcentral", Published: when, Month: "2022-11", Cached: true, Source: "https://a.se/"},
		{ID: 2, Title: "Utan datum", Month: feed.Undated, Read: true, Source: "https://b.se/"},
		{ID: 3, Title: "", Published: when.AddDate(0, -1, 0), Month: "2022-10", Source: "https://a.se/"},
	}
	h := newHeadlines(in)
	for i, want := range in {
		got := h.at(i)
		if got.ID != want.ID || got.Title != want.Title || !got.Published.Equal(want.Published) || got.Published.IsZero() != want.Published.IsZero() ||
			got.Month != want.Month || got.Source != want.Source || got.Cached != want.Cached || got.Read != want.Read {
			t.Errorf("headline %d: %+v, want %+v", i, got, want)
		}
	}
	long := strings.Repeat("ö", 40000) // 80,000 bytes
	cut := newHeadlines([]feed.Headline{{ID: 1, Title: long}}).title(0)
	if !utf8.ValidString(cut) || len(cut) > 1<<16-1 || !strings.HasPrefix(long, cut) {
		t.Errorf("a long title is cut to %d bytes, valid %v", len(cut), utf8.ValidString(cut))
	}
}
