package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// The built program in a pseudo-terminal, read through a terminal
// emulator, for the tests that use the reader as a person would.

// screen is a terminal emulator fed by the pty: the test reads what a person
// would see, and the emulator's answers to the program's terminal queries
// go back to it as a real terminal's would.
type screen struct {
	mu   sync.Mutex
	emu  *vt.Emulator
	term *os.File
	raw  []byte // every byte the program wrote, for checks on the bytes themselves
}

func newScreen(width, height int, term *os.File) *screen {
	s := &screen{emu: vt.NewEmulator(width, height), term: term}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := term.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.emu.Write(buf[:n])
				s.raw = append(s.raw, buf[:n]...)
				s.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	go io.Copy(term, s.emu) // the emulator's replies to queries
	return s
}

func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

func (s *screen) bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.raw...)
}

func (s *screen) press(keys string) {
	io.WriteString(s.term, keys)
}

// waitFor waits until every text is on the screen at once.
func (s *screen) waitFor(t *testing.T, texts ...string) {
	t.Helper()
	s.wait(t, func(screen string) bool {
		for _, want := range texts {
			if !strings.Contains(screen, want) {
				return false
			}
		}
		return true
	}, errors.New("never showed "+strings.Join(texts, ", ")))
}

func (s *screen) waitGone(t *testing.T, text string) {
	t.Helper()
	s.wait(t, func(screen string) bool { return !strings.Contains(screen, text) }, errors.New("still shows "+text))
}

func (s *screen) wait(t *testing.T, ok func(string) bool, failure error) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok(s.text()) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the screen %v:\n%s", failure, s.text())
}

// startReader starts the reader, bin, in a pseudo-terminal of 100×30, in
// e's environment.
func (e *env) startReader(t *testing.T, bin string, args ...string) (*screen, *exec.Cmd) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	reader := exec.CommandContext(ctx, bin, args...)
	reader.Env = e.environ("LANG=sv_SE.UTF-8", "TERM=xterm-256color")
	term, err := pty.StartWithSize(reader, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { term.Close() })
	return newScreen(100, 30, term), reader
}
