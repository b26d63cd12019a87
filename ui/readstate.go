package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nyss/feed"
)

// Read state in the reader: u toggles the highlighted headline (or the
// article open), A marks everything the list shows read once the status
// line's question is answered, U shows only the unread.

// confirmLine is a yes/no question on the line under the status bar. Any
// answer but yes is no, as in newsboat: a stray key must not mark a month.
type confirmLine struct {
	question string
	yes      string // letters besides y and Y that mean yes (j in Swedish)
}

func (c confirmLine) active() bool { return c.question != "" }

func (c *confirmLine) ask(question, yes string) { c.question, c.yes = question, yes }

// answer ends the question; it reports whether the key means yes.
func (c *confirmLine) answer(msg tea.KeyPressMsg) bool {
	c.question = ""
	return msg.Text != "" && strings.Contains("yY"+c.yes, msg.Text)
}

func (c confirmLine) view() string { return c.question }

// markedShownMsg says how marking everything shown went.
type markedShownMsg struct {
	n   int
	err error
}

// markCmd writes one item's read state.
func markCmd(e *feed.Engine, id int64, read bool, t listText) tea.Cmd {
	return func() tea.Msg {
		if err := e.MarkRead([]int64{id}, read); err != nil {
			return statusMsg{text: fmt.Sprintf(t.saveFailed, errorText(err)), isError: true}
		}
		return nil
	}
}

// markShownCmd marks what the query shows read in the cache.
func markShownCmd(e *feed.Engine, set readSet, q feed.Query) tea.Cmd {
	return func() tea.Msg {
		if len(q.Sources) == 0 {
			held, err := set.held(e)
			if err != nil {
				return markedShownMsg{err: err}
			}
			q.Sources = held.Sources
		}
		n, err := e.MarkShown(q, true)
		return markedShownMsg{n: n, err: err}
	}
}

// readStateKey carries out u, A and U; ok is false for any other key.
func (m *model) readStateKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	t := m.cfg.text.list
	switch {
	case key.Matches(msg, m.keys.ToggleRead):
		it, found := m.list.selected()
		if m.readerHasKeys() {
			it, found = m.reader.shownItem(m.list.items)
		}
		if !found {
			return nil, true
		}
		read := !it.Read
		m.list.setRead(it.ID, read)
		m.status.say(map[bool]string{true: t.markedRead, false: t.markedUnread}[read])
		return markCmd(m.cfg.engine, it.ID, read, t), true
	case key.Matches(msg, m.keys.MarkShown):
		if n := m.list.unreadShown(); n == 0 {
			m.status.say(t.nothingUnread)
		} else {
			m.confirm.ask(fmt.Sprintf(t.confirmMark, n), t.yes)
		}
		return nil, true
	case key.Matches(msg, m.keys.UnreadOnly):
		m.list.setUnreadOnly(!m.list.unreadOnly)
		m.status.say(map[bool]string{true: t.showUnread, false: t.showAll}[m.list.unreadOnly])
		return nil, true
	}
	return nil, false
}

// confirmKey answers the question on the status line. Yes marks the list
// at once, and the cache through Engine.MarkShown with the list's filters,
// the same rule as nyss mark --all.
func (m *model) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	if !m.confirm.answer(msg) {
		return nil
	}
	m.list.markShownRead()
	month, query := m.list.filters()
	q := feed.Query{Month: month, Text: query, Unread: m.list.unreadOnly}
	if m.list.source != "" {
		q.Sources = []string{m.list.source}
	}
	return markShownCmd(m.cfg.engine, m.cfg.set(), q)
}

// markedShown reports the marking, and reads the list again so that it
// shows what the cache now holds.
func (m *model) markedShown(msg markedShownMsg) tea.Cmd {
	t := m.cfg.text.list
	if msg.err != nil {
		m.status.warn(fmt.Sprintf(t.saveFailed, errorText(msg.err)))
	} else {
		m.status.say(fmt.Sprintf(t.markedShown, msg.n))
	}
	return loadCmd(m.cfg.engine, m.cfg.set())
}

// readParts are the status bar's read-state parts: the unread count among
// those shown, and whether only unread show.
func (m model) readParts() []string {
	t := m.cfg.text.list
	parts := []string{t.unreadCount(m.list.unreadShown())}
	if m.list.unreadOnly {
		parts = append(parts, t.unreadOnlyTag)
	}
	return parts
}

// shownItem is the item of the article on top, as the list knows it (with
// its read state), or as the reader opened it.
func (r reader) shownItem(items headlines) (feed.Headline, bool) {
	if !r.open() {
		return feed.Headline{}, false
	}
	it := r.history[len(r.history)-1].reading.Item.Headline
	if i := items.index(it.ID); i >= 0 {
		return items.at(i), true
	}
	return it, it.ID != 0
}
