package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestReaderWritesNoInjectedSequence is the terminal-injection case in a
// real terminal: the reader shows the hostile site's headlines, articles
// and related lists in a pseudo-terminal, and every escape sequence it
// wrote must be one the reader itself uses. Bubble Tea's own drawing
// (SGR colours, cursor moves, modes, the window title, OSC 8 links to web
// addresses, its background-colour query) is allowed; what a feed could
// smuggle in (OSC 52, a title it chose, DCS, C1, device queries, a bell,
// bidi overrides) is not.
func TestReaderWritesNoInjectedSequence(t *testing.T) {
	t.Parallel()
	bin := buildNyss(t)
	srv, _ := hostileSite(t)
	feedURL := srv.URL + "/feed.xml"
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache.db")
	if code, _, errOut := newEnv().nyss(t, "sync", "--feed", feedURL, "--cache", cache); code != 0 {
		t.Fatalf("sync: %s", errOut)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--offline", "--feed", feedURL, "--cache", cache)
	cmd.Env = append(os.Environ(), "LANG=sv_SE.UTF-8", "TERM=xterm-256color", "NO_COLOR=", "HOME="+dir, "XDG_CACHE_HOME="+dir)
	term, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 40})
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	s := newScreen(120, 40, term)

	s.waitFor(t, "Rubrik 27 före")
	// Through several articles, their related lists and the filter.
	for range 3 {
		s.press("j")
	}
	s.press("\r")
	s.waitFor(t, "Brödtext")
	s.press("G")
	s.press("\t")
	s.press("\r")
	time.Sleep(300 * time.Millisecond)
	s.press("\x1b")
	time.Sleep(100 * time.Millisecond)
	s.press("\x1b")
	time.Sleep(100 * time.Millisecond)
	s.press("/före")
	time.Sleep(300 * time.Millisecond)
	s.press("\x1b")
	time.Sleep(100 * time.Millisecond)
	s.press("q")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("nyss exited with %v", err)
	}

	raw := s.bytes()
	for _, seq := range escapeSequences.FindAll(raw, -1) {
		if !ownSequence(seq) {
			t.Errorf("the reader wrote %q", seq)
		}
	}
	rest := escapeSequences.ReplaceAll(raw, nil)
	for _, r := range string(rest) {
		// CR, LF and BS move the cursor: Bubble Tea's renderer writes them
		// itself (BS is its short "one left").
		if r != '\r' && r != '\n' && r != '\b' && !isTerminalSafe(r) {
			t.Errorf("the reader wrote the control %U outside any sequence", r)
		}
	}
}

// escapeSequences finds every ESC sequence: CSI, OSC (ended by BEL or ST),
// DCS/SOS/PM/APC strings, and two-byte escapes.
var escapeSequences = regexp.MustCompile(`\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-~])`)

// ownSequence reports whether seq is one Bubble Tea or Glamour writes.
func ownSequence(seq []byte) bool {
	s := string(seq)
	switch {
	case strings.HasPrefix(s, "\x1b["):
		// Drawing, cursor, modes and keyboard protocols; not device
		// status or attribute queries (n, c), nor window operations (t).
		final := s[len(s)-1]
		return strings.IndexByte("mHKGJXdhlWpuABCDEFSTr", final) >= 0
	case s == "\x1bM":
		// Reverse index: the renderer's own "up one line", which it also
		// scrolls with (ultraviolet's hard scroll); a feed's ESC never
		// gets this far.
		return true
	case strings.HasPrefix(s, "\x1b]11;?"):
		return true // the background colour query
	case strings.HasPrefix(s, "\x1b]2;"):
		// The window title names the source: its text must be clean.
		title := strings.TrimSuffix(strings.TrimPrefix(s, "\x1b]2;"), "\x07")
		for _, r := range title {
			if !isTerminalSafe(r) {
				return false
			}
		}
		return true
	case strings.HasPrefix(s, "\x1b]8;"):
		// A hyperlink: to a web address, or the end of one.
		parts := strings.SplitN(strings.TrimSuffix(strings.TrimPrefix(s, "\x1b]8;"), "\x07"), ";", 2)
		return len(parts) == 2 && (parts[1] == "" || isWebAddress(parts[1]))
	}
	return false
}

// TestReaderStaysResponsiveDuringAHugePage opens an article whose page is
// 20 MB, sent slowly: while it downloads the reader still answers keys,
// and then it says the page is over the cap and shows the summary.
func TestReaderStaysResponsiveDuringAHugePage(t *testing.T) {
	t.Parallel()
	bin := buildNyss(t)
	var huge atomic.Bool
	var sending atomic.Int32 // downloads of the page under way: the reader's, and the background sync's
	srv, e := fixture(t)
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, "delfin") {
			return false
		}
		if !huge.Load() {
			http.NotFound(w, r) // not cached by the first sync
			return true
		}
		sending.Add(1)
		defer sending.Add(-1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		chunk := []byte(strings.Repeat("<p>Växjö växer. </p>\n", 12<<10)) // ~250 KB
		for sent := 0; sent < 20<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return true
			}
			w.(http.Flusher).Flush()
			time.Sleep(100 * time.Millisecond) // 5 MB, the cap, after two seconds
		}
		return true
	})
	if code, _, errOut := e.nyss(t, "sync"); code != 0 {
		t.Fatalf("sync: %s", errOut)
	}
	huge.Store(true)

	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--feed", srv.NewsURL())
	cmd.Env = e.environ("LANG=sv_SE.UTF-8", "TERM=xterm-256color", "HOME="+dir, "XDG_CACHE_HOME="+dir)
	term, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	s := newScreen(80, 30, term)
	s.waitFor(t, "Delfin från Alvesta")
	s.press("j")
	s.press("\r")
	s.wait(t, func(string) bool { return sending.Load() > 0 }, errors.New("never started fetching the page"))

	// Help opens and closes while the page is still coming in.
	s.press("?")
	s.waitFor(t, "Tangenter")
	if sending.Load() == 0 {
		t.Fatal("the page came before help was shown: the test proves nothing")
	}
	s.press("?")
	s.waitGone(t, "Tangenter")

	s.waitFor(t, "5 MB", "plastslöjd")
	s.press("q")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("nyss exited with %v", err)
	}
}
