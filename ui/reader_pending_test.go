package ui

import (
	"testing"

	"nyss/feed"
)

// An article still being fetched shows the feed's summary at once, with a
// line saying the whole article is on its way; the article then takes its
// place.
func TestAPendingArticleShowsTheSummaryMeanwhile(t *testing.T) {
	for _, tt := range []struct {
		lang text
		note string
	}{
		{swedish, "hela artikeln är på väg; det här är flödets sammanfattning"},
		{english, "the whole article is on its way; this is the feed's summary"},
	} {
		h := harnessIn(t, tt.lang, 100, 30)
		it := feed.Item{Headline: feed.Headline{ID: 99, Title: "Väntande artikel"}, Summary: "Sammanfattningen från flödet."}
		h.m.reader.push(page{reading: feed.Reading{Item: it}})
		h.m.focus, h.m.fetching = focusReader, 99

		// Pending: the fetch is left out (this reader is offline), the
		// rendering of what shows meanwhile is not.
		next, cmd := h.m.Update(articleMsg{id: 99, reading: feed.Reading{Item: it, Pending: true}})
		h.m = next.(model)
		for _, msg := range cmdMsgs(cmd) {
			if r, ok := msg.(renderedMsg); ok {
				h.send(r)
			}
		}
		h.mustShow("Väntande artikel", "Sammanfattningen från flödet.", tt.note)

		h.send(articleMsg{id: 99, reading: feed.Reading{Item: it, Article: &feed.Article{Markdown: "Hela texten, äntligen."}}})
		h.mustShow("Väntande artikel", "Hela texten, äntligen.")
		h.mustNotShow(tt.note, "Sammanfattningen från flödet.")
	}
}
