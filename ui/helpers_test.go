package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed"
	"nyss/feed/demosite"
	"nyss/feed/fetch"
	"nyss/feed/store"
)

// The tests read the fixture site (feed/demosite/site, 18 articles from June
// to November 2022) as it would be after `nyss sync`, on a fixed clock in
// Stockholm, so that no frame depends on today's date or the machine's TZ.

// fixtureSource is the URL the fixture site is synced as.
const fixtureSource = demosite.Origin + "/nyheter/"

var (
	stockholm *time.Location
	// testNow is the morning after the newest fixture article (22 November
	// 2022), so that the list shows "igår" for it.
	testNow time.Time
	// syncedAt is when the fixture cache was synced.
	syncedAt time.Time
	// fixtureDB is a synced cache file that each test copies.
	fixtureDB string
)

func TestMain(m *testing.M) {
	var err error
	stockholm, err = time.LoadLocation("Europe/Stockholm")
	if err != nil {
		fmt.Fprintln(os.Stderr, "no tzdata:", err)
		os.Exit(1)
	}
	time.Local = stockholm
	testNow = time.Date(2022, 11, 23, 9, 0, 0, 0, stockholm)
	syncedAt = time.Date(2022, 11, 23, 8, 15, 0, 0, stockholm)

	dir, err := os.MkdirTemp("", "nyss-ui-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDB = filepath.Join(dir, "fixture.db")
	if err := syncFixture(fixtureDB); err != nil {
		fmt.Fprintln(os.Stderr, "sync the fixture site:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixtureClient serves the fixture site in-process.
func fixtureClient() *fetch.Client {
	site := demosite.New()
	return fetch.New(fetch.Options{Transport: demosite.Transport(site)})
}

func syncFixture(path string) error {
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	e := &feed.Engine{Store: st, Client: fixtureClient(), Now: func() time.Time { return syncedAt }}
	_, err = e.Sync(context.Background(), fixtureSource, nil)
	return err
}

// fixtureStore is a private copy of the synced fixture cache.
func fixtureStore(t testing.TB) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cache.db")
	src, err := os.Open(fixtureDB)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// browser records the URLs the reader asks to open, instead of opening them.
type browser struct {
	mu   sync.Mutex
	urls []string
}

func (b *browser) open(url string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.urls = append(b.urls, url)
	return nil
}

func (b *browser) opened() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.urls...)
}

// testConfig is an offline reader of the fixture cache in Swedish.
func testConfig(t testing.TB, st *store.Store) (config, *browser) {
	b := &browser{}
	return config{
		engine:  &feed.Engine{Store: st, Now: func() time.Time { return testNow }, Location: stockholm},
		source:  fixtureSource,
		text:    swedish,
		now:     func() time.Time { return testNow },
		openURL: b.open,
	}, b
}

// harness drives a model through Update as Bubble Tea would, running the
// commands it returns, so that tests read like a person at the keyboard.
type harness struct {
	t    testing.TB
	m    model
	quit bool
}

// newHarness opens the reader on the fixture cache at width x height, and
// waits for the first frame.
func newHarness(t testing.TB, width, height int) (*harness, *browser) {
	t.Helper()
	cfg, b := testConfig(t, fixtureStore(t))
	return startHarness(t, cfg, width, height), b
}

func startHarness(t testing.TB, cfg config, width, height int) *harness {
	h := &harness{t: t, m: newModel(context.Background(), cfg)}
	h.send(tea.WindowSizeMsg{Width: width, Height: height})
	h.run(h.m.Init())
	return h
}

// send hands msg to Update and runs what it returns.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(model)
	h.run(cmd)
}

// run runs a command and every command that follows from it, until the
// model is idle. Timers (the spinner, the link-number wait) are left out:
// a test sends those messages itself when it means to.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 200 {
			h.t.Fatal("the model never settles")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runWithin(c, 2*time.Second)
		if !ok {
			continue // a timer
		}
		switch msg := msg.(type) {
		case nil, spinner.TickMsg, linkTimeoutMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			h.quit = true
		default:
			next, cmd := h.m.Update(msg)
			h.m = next.(model)
			queue = append(queue, cmd)
		}
	}
}

// runWithin runs a command, giving up on one that takes longer than d (a
// timer such as tea.Tick).
func runWithin(c tea.Cmd, d time.Duration) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg, true
	case <-time.After(d):
		return nil, false
	}
}

// press types keys: "enter", "esc", "tab", "backspace", "up", "down",
// "pgup", "pgdown", "home", "end", "space", or any text, one key a rune.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		for _, msg := range keyMsgs(k) {
			h.send(msg)
		}
	}
}

var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	"home": tea.KeyHome, "end": tea.KeyEnd, "space": tea.KeySpace,
}

func keyMsgs(k string) []tea.Msg {
	if code, ok := namedKeys[k]; ok {
		if k == "space" {
			return []tea.Msg{tea.KeyPressMsg{Code: code, Text: " "}}
		}
		return []tea.Msg{tea.KeyPressMsg{Code: code}}
	}
	if k == "ctrl+c" {
		return []tea.Msg{tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}}
	}
	var out []tea.Msg
	for _, r := range k {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// screen is the frame as plain text.
func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}

// lines is the frame's lines with trailing spaces cut.
func (h *harness) lines() []string {
	lines := strings.Split(h.screen(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

func (h *harness) statusBar() string {
	lines := h.lines()
	return lines[len(lines)-2]
}

func (h *harness) bottomLine() string {
	lines := h.lines()
	return lines[len(lines)-1]
}

// selectedTitle is the title of the highlighted headline.
func (h *harness) selectedTitle() string {
	it, _ := h.m.list.selected()
	return it.Title
}

func (h *harness) mustShow(want ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			h.t.Fatalf("the screen does not show %q:\n%s", w, s)
		}
	}
}

func (h *harness) mustNotShow(unwanted ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range unwanted {
		if strings.Contains(s, w) {
			h.t.Fatalf("the screen shows %q:\n%s", w, s)
		}
	}
}

// harnessIn is newHarness with the interface in the language lang.
func harnessIn(t testing.TB, lang text, width, height int) *harness {
	t.Helper()
	cfg, _ := testConfig(t, fixtureStore(t))
	cfg.text = lang
	return startHarness(t, cfg, width, height)
}

// all is every headline of the list, as the engine gave them.
func (h headlines) all() []feed.Headline {
	out := make([]feed.Headline, h.len())
	for i := range out {
		out[i] = h.at(i)
	}
	return out
}
