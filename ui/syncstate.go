package ui

import (
	"context"
	"errors"
	"fmt"

	"nyss/feed"
)

// syncState is the background sync as the reader knows it: whether one is
// running, how far it has come, and how the last one ended.
type syncState struct {
	running  bool
	stage    feed.Stage   // the stage the spinner last saw
	progress *progressBox // written by the engine, read by the spinner
	report   *feed.Report // of the last sync that succeeded
	err      error        // of the last sync, when it failed
}

func (s *syncState) start() {
	s.running, s.stage = true, ""
	s.progress.set(feed.Progress{})
}

// done records how a sync went; it returns a warning for the message line,
// or "".
func (s *syncState) done(msg syncDoneMsg, t text) string {
	s.running, s.stage = false, ""
	if msg.err != nil {
		s.err = msg.err
		if errors.Is(msg.err, context.Canceled) {
			return ""
		}
		return fmt.Sprintf(t.syncFailed, errorText(msg.err))
	}
	s.err, s.report = nil, msg.report
	if n := len(msg.report.Articles.Failures); n > 0 {
		return fmt.Sprintf(t.failedCount, n)
	}
	return ""
}

// poll reads the sync's progress; it reports true when the feed stage has
// just ended, and so its items are in the cache.
func (s *syncState) poll() bool {
	if !s.running {
		return false
	}
	was := s.stage
	s.stage = s.progress.get().Stage
	return was != feed.StageArticles && s.stage == feed.StageArticles
}

// text is the progress in words: "hämtar 12/40".
func (s syncState) text(t text) string {
	p := s.progress.get()
	if p.Stage == feed.StageArticles && p.Total > 0 {
		return fmt.Sprintf(t.syncingItems, p.Done, p.Total)
	}
	return t.syncingFeed
}
