package ui

import (
	"strings"
	"testing"
	"time"
)

// When the cursor rests on a headline whose article is cached, the article
// is rendered in the background, as the reader will show it: enter then
// only has to show it.
func TestTheArticleUnderTheRestingCursorIsRenderedAhead(t *testing.T) {
	cfg, _ := testConfig(t, fixtureStore(t))
	cfg.restDelay = time.Millisecond
	h := startHarness(t, cfg, 100, 30)
	h.press("j") // the harness waits out the rest

	it, ok := h.m.list.selected()
	if !ok || !it.Cached {
		t.Fatalf("the second headline should have its article cached: %+v", it)
	}
	rd, err := cfg.engine.CachedArticle(it.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := h.m.reader.pageRendering(rd, false)
	if _, ok := h.m.reader.renders.get(want); !ok {
		t.Fatal("the resting cursor's article was not rendered ahead")
	}

	h.press("enter")
	if !strings.Contains(h.screen(), rd.Article.Title) || h.m.reader.rendered == "" {
		t.Errorf("enter does not show the article:\n%s", h.screen())
	}
}

// A rest that ended, because the cursor moved on, renders nothing.
func TestARestThatEndedRendersNothing(t *testing.T) {
	cfg, _ := testConfig(t, fixtureStore(t))
	cfg.restDelay = time.Millisecond
	h := startHarness(t, cfg, 100, 30)
	next, _ := h.m.Update(keyMsgs("j")[0]) // its rest is not waited out
	h.m = next.(model)
	it, _ := h.m.list.selected()
	stale := restMsg{seq: h.m.restSeq - 1, id: it.ID}
	if cmd := h.m.rested(stale); cmd != nil {
		t.Error("an ended rest started a rendering")
	}
	if cmd := h.m.rested(restMsg{seq: h.m.restSeq, id: it.ID}); cmd == nil {
		t.Error("the current rest started no rendering")
	}
}
