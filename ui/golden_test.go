package ui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"
)

// Whole-program flows through teatest, each compared as its final frame with
// a golden file in testdata/ (go test ./ui -run Golden -update rewrites
// them). The colour profile is pinned and the frame stripped of escapes, so
// the files hold what a person reads.

func TestGolden(t *testing.T) {
	tests := []struct {
		name          string
		width, height int
		// steps alternate: type keys, then wait for text on the screen.
		steps []goldenStep
	}{
		{name: "list_narrow", width: 80, height: 30},
		{name: "list_wide", width: 140, height: 30},
		{name: "month_filter", width: 80, height: 30, steps: []goldenStep{{keys: "[[", wait: "oktober 2022"}}},
		{name: "month_picker", width: 80, height: 24, steps: []goldenStep{{keys: "jjjjjjm", wait: "Månader"}}},
		{name: "reader_related_narrow", width: 80, height: 30, steps: []goldenStep{
			{keys: "\r", wait: "Under måndagseftermiddagen"}, {keys: "\tj", wait: "› 4 november 2022"}}},
		{name: "reader_related_wide", width: 140, height: 30, steps: []goldenStep{
			{keys: "jj\r", wait: "10 november 2022 ·"}, {keys: "\t", wait: "› 14 november 2022"}}},
		{name: "help", width: 100, height: 24, steps: []goldenStep{{keys: "?", wait: "Tangenter"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _ := testConfig(t, fixtureStore(t))
			tm := teatest.NewTestModel(t, newModel(context.Background(), cfg),
				teatest.WithInitialTermSize(tt.width, tt.height),
				teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
			screen := newWatcher(tt.width, tt.height)
			// The first frame holds only the newest month; keys wait for
			// the whole list, or a month step could meet only November.
			screen.waitFor(t, tm, "18 av 18")
			for _, s := range tt.steps {
				for _, r := range s.keys {
					tm.Send(keyPress(r))
				}
				screen.waitFor(t, tm, s.wait)
			}
			// ctrl+c, not q: q closes the help rather than quitting.
			tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
			golden.RequireEqual(t, []byte(ansi.Strip(fm.View().Content)))
		})
	}
}

// goldenStep types keys ("\r" is enter, "\t" tab) and waits for text.
type goldenStep struct{ keys, wait string }

func keyPress(r rune) tea.KeyPressMsg {
	switch r {
	case '\r':
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case '\t':
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	return tea.KeyPressMsg{Code: r, Text: string(r)}
}

// watcher replays the program's output in a terminal emulator, so a test
// can wait for text to be on the screen: the output itself is a stream of
// changes, in which a word may never appear whole.
type watcher struct{ emu *vt.Emulator }

func newWatcher(width, height int) watcher {
	emu := vt.NewEmulator(width, height)
	// The emulator answers terminal queries into a pipe; nobody here wants
	// the answers, but a full pipe would block it.
	go io.Copy(io.Discard, emu)
	return watcher{emu}
}

func (w watcher) waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		b, _ := io.ReadAll(tm.Output())
		// A terminal's line discipline turns \n into \r\n; the output
		// here goes to no terminal, so do what it would.
		w.emu.Write(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
		if strings.Contains(w.emu.String(), text) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%q never appeared on the screen:\n%s", text, w.emu.String())
}
