package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// A real program hands the URL to the $BROWSER script, with the script's
// own arguments kept, and not to the desktop's opener. The other browser
// tests stop at the command; this one runs it, as a person's o would.
func TestOHandsTheURLToAFakeBROWSERScript(t *testing.T) {
	dir := t.TempDir()
	got := filepath.Join(dir, "args")
	script := filepath.Join(dir, "fake-browser")
	body := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + got + ".tmp && mv " + got + ".tmp " + got + "\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg, b := testConfig(t, fixtureStore(t))
	cfg.browser = "no-such-browser-anywhere:" + script + " --new-tab"
	tm := teatest.NewTestModel(t, newModel(context.Background(), cfg),
		teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	screen := newWatcher(100, 30)
	screen.waitFor(t, tm, "18 av 18")
	tm.Send(keyPress('o'))

	// Generous: the script runs once, in a few milliseconds.
	var args []byte
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if args, _ = os.ReadFile(got); args != nil {
			break
		}
	}
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	if want := "--new-tab\n" + newestURL + "\n"; string(args) != want {
		t.Errorf("the script got %q, want %q", args, want)
	}
	if opened := b.opened(); len(opened) != 0 {
		t.Errorf("the desktop opener got %q as well", opened)
	}
}
