package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

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
	// manual is a sync the person asked for (r): it answers even when
	// nothing changed.
	manual bool
}

// start begins a sync the person asked for.
func (s *syncState) start() {
	s.running, s.stage, s.manual = true, "", true
	s.progress.set(feed.Progress{})
}

// done records how a sync went; it returns what the message line is to
// say, if anything, and whether it is a warning.
func (s *syncState) done(msg syncDoneMsg, t text, now time.Time) (say string, warn bool) {
	manual := s.manual
	s.running, s.stage, s.manual = false, "", false
	if msg.err != nil {
		s.err = msg.err
		if errors.Is(msg.err, context.Canceled) {
			return "", false
		}
		return fmt.Sprintf(t.syncFailed, errorText(msg.err)), true
	}
	s.err, s.report = nil, msg.report
	if len(msg.failed) > 0 {
		return fmt.Sprintf(t.sourcesFailed, len(msg.failed), strings.Join(msg.failed, ", ")), true
	}
	if n := len(msg.report.Articles.Failures); n > 0 {
		return fmt.Sprintf(t.failedCount, n), true
	}
	if manual && msg.report.Items.New == 0 {
		// r must be seen to have done something, also when there was
		// nothing to bring.
		return fmt.Sprintf(t.nothingNew, clock(now, now)), false
	}
	return "", false
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
