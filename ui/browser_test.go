package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// cmdMsgs runs a command and what a batch holds, and returns the messages.
func cmdMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, cmdMsgs(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// pressFor hands one key to Update, as the harness does, and returns the
// messages meant for Bubble Tea itself (a clipboard write, a process to
// run), which the harness would drop. The reader's own messages, such as
// a child's intents, go back to Update.
func (h *harness) pressFor(k string) []tea.Msg {
	h.t.Helper()
	var out []tea.Msg
	queue := keyMsgs(k)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		next, cmd := h.m.Update(msg)
		h.m = next.(model)
		for _, m := range cmdMsgs(cmd) {
			if strings.HasPrefix(fmt.Sprintf("%T", m), "ui.") {
				queue = append(queue, m)
			} else {
				out = append(out, m)
			}
		}
	}
	return out
}

// msgOfType is the first message whose type is named typ ("tea.execMsg").
func msgOfType(msgs []tea.Msg, typ string) (tea.Msg, bool) {
	for _, m := range msgs {
		if fmt.Sprintf("%T", m) == typ {
			return m, true
		}
	}
	return nil, false
}

func TestBrowserArgvReadsBROWSERAsNewsboatAndGitDo(t *testing.T) {
	const u = "https://example.org/a?b=1"
	tests := []struct {
		env  string
		want []string
	}{
		{"", nil},
		{"no-such-browser-anywhere", nil},
		{"true", []string{"true", u}},
		{"no-such-browser-anywhere:true", []string{"true", u}},
		{"true --new-tab", []string{"true", "--new-tab", u}},
		{"true --url=%s --new-tab", []string{"true", "--url=" + u, "--new-tab"}},
		{" : true", []string{"true", u}},
	}
	for _, tt := range tests {
		got, ok := browserArgv(tt.env, u)
		if ok != (tt.want != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("BROWSER=%q: got %q (%v), want %q", tt.env, got, ok, tt.want)
		}
	}
}

func TestBROWSERComesBeforeTheDesktopOpener(t *testing.T) {
	cfg, b := testConfig(t, fixtureStore(t))
	cfg.browser = "true"
	h := startHarness(t, cfg, 100, 30)
	msgs := h.pressFor("o")
	if _, ok := msgOfType(msgs, "tea.execMsg"); !ok {
		t.Errorf("o with $BROWSER set: no process run with the terminal, got %#v", msgs)
	}
	if got := b.opened(); len(got) != 0 {
		t.Errorf("the desktop opener was used too: %q", got)
	}

	// Without $BROWSER, or with none of its programs installed, the
	// desktop's opener takes the URL.
	cfg.browser = "no-such-browser-anywhere"
	h = startHarness(t, cfg, 100, 30)
	h.press("o")
	if got := b.opened(); !slices.Equal(got, []string{newestURL}) {
		t.Errorf("opened %q, want the newest headline's URL", got)
	}
}

func TestTheDemoHandsNoBrowserItsInProcessHost(t *testing.T) {
	for _, tt := range []struct {
		lang text
		want string
	}{
		{swedish, "demon har ingen webbsida"},
		{english, "the demo has no web page"},
	} {
		cfg, b := testConfig(t, fixtureStore(t))
		cfg.text = tt.lang
		cfg.noWeb = fixtureSource[:strings.Index(fixtureSource, "/nyheter/")]
		h := startHarness(t, cfg, 100, 30)
		h.press("o")
		if !strings.Contains(h.bottomLine(), tt.want) {
			t.Errorf("o in the list says %q, want %q", h.bottomLine(), tt.want)
		}
		h.press("enter", "o")
		if !strings.Contains(h.bottomLine(), tt.want) {
			t.Errorf("o in the article says %q, want %q", h.bottomLine(), tt.want)
		}
		if got := b.opened(); len(got) != 0 {
			t.Errorf("the demo's host went to a browser: %q", got)
		}
	}
}

func TestYCopiesTheLinkWithOSC52(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	msgs := h.pressFor("y")
	got, ok := msgOfType(msgs, "tea.setClipboardMsg")
	if !ok || fmt.Sprint(got) != newestURL {
		t.Fatalf("y in the list: clipboard %v (%v), want %q", got, ok, newestURL)
	}
	if !strings.Contains(h.bottomLine(), "länken är kopierad") {
		t.Errorf("y says %q", h.bottomLine())
	}

	// In the article, y copies the article's own link.
	h.press("j", "enter")
	it := h.m.detail // the list holds no links: they are read as the cursor moves
	got, _ = msgOfType(h.pressFor("y"), "tea.setClipboardMsg")
	if fmt.Sprint(got) != it.URL || it.URL == newestURL {
		t.Errorf("y in the article copied %v, want %q", got, it.URL)
	}
}

func TestCtrlZSuspendsFromAnywhere(t *testing.T) {
	ctrlZ := tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	h, _ := newHarness(t, 100, 30)
	for _, where := range []struct {
		name string
		keys []string
	}{
		{"the list", nil},
		{"the article", []string{"enter"}},
		{"the help", []string{"?"}},
		{"a filter being typed", []string{"q", "esc", "/"}},
	} {
		h.press(where.keys...)
		if h.quit {
			t.Fatalf("quit on the way to %s", where.name)
		}
		_, cmd := h.m.Update(ctrlZ)
		if _, ok := msgOfType(cmdMsgs(cmd), "tea.SuspendMsg"); !ok {
			t.Errorf("ctrl+z in %s does not suspend", where.name)
		}
	}
}
