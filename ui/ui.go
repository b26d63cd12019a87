// Package ui is what a person sees of nyss: the Bubble Tea reader, and the
// plain output of the subcommands. It talks to the network and the cache
// only through feed.Engine: it imports neither feed/store nor net/http.
package ui

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"nyss/feed"
	"nyss/feed/sourcelist"
)

// runReader opens the reader on the invocation's source. It draws from the
// cache at once and syncs in the background unless the engine is offline
// (no Client).
//
// The interface speaks Swedish when the locale (LC_ALL, LC_MESSAGES, LANG:
// the first set) starts with "sv", English otherwise;
// NO_COLOR, or an output that is not a terminal, turns colour off.
func runReader(ctx context.Context, e *feed.Engine, in *Invocation) error {
	together, names, err := readTogether(in)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops a sync still running when the reader quits
	cfg := config{
		engine:   e,
		source:   in.Feed,
		text:     in.text,
		noWeb:    in.NoWeb,
		refresh:  in.Refresh,
		together: together,
		names:    names,
		browser:  os.Getenv("BROWSER"),
		plain:    os.Getenv("NO_COLOR") != "" || !term.IsTerminal(os.Stdout.Fd()),
	}
	cfg.firstLoad = startFirstLoad(e, cfg.set())
	cfg.restDelay = restDelay
	cfg.frameDelay = frameDelay
	p := tea.NewProgram(newModel(ctx, cfg), tea.WithContext(ctx),
		tea.WithColorProfile(colors()), tea.WithEnvironment(withoutTmux(os.Environ())),
		tea.WithFPS(fps))
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // interrupted from outside (SIGTERM): a normal end
	}
	return err
}

// Prepare starts what the reader needs before its first frame and can
// have before the cache is open: the table of character widths (see
// warmWidths). It does nothing for a subcommand.
func (in *Invocation) Prepare() {
	if in.Cmd == "" {
		go warmWidths()
	}
}

// colors is the terminal's colour profile, as Lip Gloss found it for its
// writer when the program started. Finding it again means reading the
// terminfo and, inside tmux, running `tmux info`, which Bubble Tea would
// do twice more (for the program and its renderer).
func colors() colorprofile.Profile {
	return lipgloss.Writer.Profile
}

// fps is how often the renderer may draw: a frame reaches the terminal on
// its next tick, at the default 60 a second 8 ms after a key on average;
// at 120, Bubble Tea's most, 4.
const fps = 120

// frameDelay is how long a frame takes to reach the screen, at most: a
// tick, and the drawing.
const frameDelay = time.Second/fps + 4*time.Millisecond

// warmWidths builds, on another core while the reader starts, the table
// of character widths that the renderer's first frame would otherwise
// wait for. go-runewidth builds it on the first character past U+02FF it
// measures ("│", "…", "–"), which is 7 ms on this machine: the first
// frame's drawing took 9 ms, the ones after it 1.
func warmWidths() {
	ansi.StringWidthWc("│")
}

// withoutTmux is the environment that Bubble Tea is given once the colours
// are known: TMUX only makes it ask tmux for them again.
func withoutTmux(env []string) []string {
	return slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "TMUX=") })
}

// readTogether is the list's sources, when the reader is to read several
// together: no --feed, NYSS_FEED or --demo names one, and the list holds
// more than one. names are their names in the list, for the tags.
func readTogether(in *Invocation) ([]string, map[string]string, error) {
	var list []sourcelist.Entry
	var err error
	switch {
	case len(in.DemoSources) > 1:
		list = in.DemoSources
	case in.OneSource:
		return nil, nil, nil
	default:
		list, _, err = readSources(in.SourcesFile)
	}
	if err != nil || len(list) < 2 {
		if err == nil && len(list) == 1 {
			in.Feed = list[0].URL // the list's one source
		}
		return nil, nil, err
	}
	urls := make([]string, len(list))
	names := make(map[string]string, len(list))
	for i, e := range list {
		urls[i] = e.URL
		names[e.URL] = e.Name
	}
	return urls, names, nil
}
