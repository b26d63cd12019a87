package ui

import (
	"strings"
	"testing"

	"nyss/feed"
)

// The article takes the summary's place without throwing the reader back
// to the top: a person who scrolled into a long summary stays where they
// were.
func TestTheArticleReplacesTheSummaryWhereTheReaderIs(t *testing.T) {
	h := harnessIn(t, swedish, 80, 20)
	summary := strings.Repeat("Ett stycke ur flödets långa sammanfattning, rad för rad. ", 60)
	it := feed.Item{Headline: feed.Headline{ID: 99, Title: "Väntande artikel"}, Summary: summary}
	h.m.reader.push(page{reading: feed.Reading{Item: it}})
	h.m.focus, h.m.fetching = focusReader, 99
	next, cmd := h.m.Update(articleMsg{id: 99, reading: feed.Reading{Item: it, Pending: true}})
	h.m = next.(model)
	for _, msg := range cmdMsgs(cmd) {
		if r, ok := msg.(renderedMsg); ok {
			h.send(r)
		}
	}
	h.press("j", "j", "j")
	before := h.m.reader.vp.YOffset()
	if before == 0 {
		t.Fatal("j did not scroll the summary: the test needs a longer one")
	}

	body := strings.Repeat("Hela artikelns text, mycket längre än sammanfattningen. ", 200)
	h.send(articleMsg{id: 99, reading: feed.Reading{Item: it, Article: &feed.Article{Markdown: body}}})
	h.mustShow("Hela artikelns text")
	if got := h.m.reader.vp.YOffset(); got != before {
		t.Errorf("the article arrived at line %d, the reader was at %d", got, before)
	}
}
