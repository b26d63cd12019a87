package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed"
)

// sourcesView lists the sources read together, as newsboat's feed list
// does: each with unread and total, when it was last fetched, and why its
// last sync failed. enter narrows the list to the one under the cursor;
// "Alla källor" first widens it again.
type sourcesView struct {
	rows   []sourceRow
	cursor int
}

// sourceRow is one line of the view; url "" is all of them.
type sourceRow struct {
	url, name     string
	total, unread int
	state         feed.SourceState
}

// pickedSourceMsg is sent when enter chooses a source ("" for all).
type pickedSourceMsg struct{ url string }

// sourceStatesMsg carries what the cache knows of each source.
type sourceStatesMsg struct {
	states map[string]feed.SourceState
}

// sourceStatesCmd reads the sources' last fetch and error.
func sourceStatesCmd(e *feed.Engine, urls []string) tea.Cmd {
	return func() tea.Msg {
		states := make(map[string]feed.SourceState, len(urls))
		for _, url := range urls {
			if st, err := e.SourceState(url); err == nil {
				states[url] = st
			}
		}
		return sourceStatesMsg{states}
	}
}

// open shows the sources with their counts from the list's items, the
// cursor on the source the list is narrowed to.
func (v sourcesView) open(urls []string, names map[string]string, items headlines, active string, t text) sourcesView {
	total, unread := map[string]int{}, map[string]int{}
	all := sourceRow{name: t.allSources}
	for i := range items.len() {
		source := items.source(i)
		total[source]++
		all.total++
		if !items.read(i) {
			unread[source]++
			all.unread++
		}
	}
	v.rows = []sourceRow{all}
	v.cursor = 0
	for _, url := range urls {
		name := names[url]
		if name == "" {
			name = url
		}
		v.rows = append(v.rows, sourceRow{url: url, name: name, total: total[url], unread: unread[url]})
		if url == active {
			v.cursor = len(v.rows) - 1
		}
	}
	return v
}

// setStates puts in the last fetch and error of each source.
func (v *sourcesView) setStates(states map[string]feed.SourceState) {
	for i := range v.rows {
		v.rows[i].state = states[v.rows[i].url]
	}
}

func (v sourcesView) update(msg tea.Msg, k keyMap) (sourcesView, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Up):
			v.cursor = max(0, v.cursor-1)
		case key.Matches(msg, k.Down):
			v.cursor = min(len(v.rows)-1, v.cursor+1)
		case key.Matches(msg, k.Top):
			v.cursor = 0
		case key.Matches(msg, k.Bottom):
			v.cursor = len(v.rows) - 1
		case key.Matches(msg, k.Open):
			url := v.rows[v.cursor].url
			return v, func() tea.Msg { return pickedSourceMsg{url} }
		case key.Matches(msg, k.Back), key.Matches(msg, k.Sources):
			return v, func() tea.Msg { return closePickerMsg{} }
		}
	}
	return v, nil
}

func (v sourcesView) view(width int, st uiStyles, t text) string {
	var b strings.Builder
	b.WriteString(st.overlayTitle.Render(t.sourcesTitle) + "\n")
	nameWidth, countsWidth := 0, 0
	for _, r := range v.rows {
		nameWidth = max(nameWidth, min(30, ansi.StringWidth(r.name)))
		countsWidth = max(countsWidth, ansi.StringWidth(fmt.Sprintf(t.sourcesCounts, r.unread, r.total)))
	}
	for i, r := range v.rows {
		mark := "  "
		if i == v.cursor {
			mark = "› "
		}
		name := ansi.Truncate(r.name, nameWidth, "…")
		name += strings.Repeat(" ", nameWidth-ansi.StringWidth(name))
		counts := fmt.Sprintf(t.sourcesCounts, r.unread, r.total)
		// The fetch times line up after the widest counts.
		counts += strings.Repeat(" ", countsWidth-ansi.StringWidth(counts))
		line := fmt.Sprintf("%s%s  %s", mark, name, counts)
		if r.url != "" {
			switch {
			case r.state.LastError != "":
				line += "  " + st.errorMessage.Render(fmt.Sprintf(t.sourcesFailedAt, r.state.LastError))
			case !r.state.CheckedAt.IsZero():
				line += "  " + st.faint.Render(fmt.Sprintf(t.fetchedAt, clock(r.state.CheckedAt, r.state.CheckedAt)))
			default:
				line += "  " + st.faint.Render(t.neverFetchedShort)
			}
		}
		if i == v.cursor {
			line = st.barActive.Render(ansi.Truncate(line, width-2, "…"))
		} else {
			line = ansi.Truncate(line, width-2, "…")
		}
		b.WriteString(" " + line + "\n")
	}
	b.WriteString("\n" + st.faint.Render(" "+t.sourcesHint))
	return b.String()
}
