package ui

import (
	"strings"
	"testing"
	"time"

	"nyss/feed"
)

// A reader left open syncs on a timer: each sync's end sets the next.
func TestTheReaderRefreshesOnATimer(t *testing.T) {
	cfg, _ := testConfig(t, fixtureStore(t))
	cfg.engine.Client = fixtureClient()
	cfg.refresh = 30 * time.Minute
	h := startHarness(t, cfg, 100, 30)
	if h.m.refreshSeq == 0 {
		t.Fatal("the first sync's end set no timer")
	}

	// The timer goes off: a sync runs, quietly, and sets the next timer.
	seq := h.m.refreshSeq
	h.send(refreshTickMsg{seq: seq})
	if h.m.sync.running || h.m.refreshSeq != seq+1 {
		t.Errorf("after the tick: running %v, timer %d (was %d)", h.m.sync.running, h.m.refreshSeq, seq)
	}
	if strings.Contains(h.bottomLine(), "inget nytt") {
		t.Errorf("a timed sync speaks up: %q", h.bottomLine())
	}

	// A timer that r overtook does nothing.
	h.send(refreshTickMsg{seq: seq})
	if h.m.refreshSeq != seq+1 {
		t.Error("an old timer's tick started a sync")
	}
}

func TestRefreshOffSetsNoTimer(t *testing.T) {
	for _, tt := range []struct {
		name    string
		refresh time.Duration
		online  bool
	}{
		{"--refresh 0", 0, true},
		{"offline", 30 * time.Minute, false},
	} {
		cfg, _ := testConfig(t, fixtureStore(t))
		if tt.online {
			cfg.engine.Client = fixtureClient()
		}
		cfg.refresh = tt.refresh
		h := startHarness(t, cfg, 100, 30)
		if cmd := h.m.scheduleRefresh(); cmd != nil || h.m.refreshSeq != 0 {
			t.Errorf("%s: a timer is set", tt.name)
		}
	}
}

// After a 304, the status bar says when the feed last changed and when
// it was last asked.
func TestTheStatusBarSaysWhenItLastChecked(t *testing.T) {
	h, _ := newHarness(t, 120, 30)
	h.m.cfg.engine.Client = fixtureClient()
	h.m.src.ChangedAt = testNow.Add(-3 * time.Hour)
	h.m.src.CheckedAt = testNow.Add(-2 * time.Minute)
	h.m.sync.report = &feed.Report{NotModified: true}
	if got := h.m.origin(); got != "oförändrad, kontrollerad 08:58" {
		t.Errorf("origin %q", got)
	}
}

func TestRefreshFlag(t *testing.T) {
	env := func(string) string { return "" }
	for _, tt := range []struct {
		args []string
		want time.Duration
		bad  bool
	}{
		{nil, DefaultRefresh, false},
		{[]string{"--refresh", "5m"}, 5 * time.Minute, false},
		{[]string{"--refresh=0"}, 0, false},
		{[]string{"--demo", "--refresh", "1h30m"}, 90 * time.Minute, false},
		{[]string{"--refresh", "-5m"}, 0, true},
		{[]string{"--refresh", "ofta"}, 0, true},
	} {
		in, err := ParseArgs(tt.args, env)
		switch {
		case tt.bad && err == nil:
			t.Errorf("%q: accepted", tt.args)
		case !tt.bad && (err != nil || in.Refresh != tt.want):
			t.Errorf("%q: refresh %v, %v; want %v", tt.args, in, err, tt.want)
		}
	}
}
