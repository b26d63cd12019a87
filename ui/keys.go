package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
)

// keyMap is every key of the reader, in one place: the table in DESIGN.md.
// The help screen and the hint line are generated from these bindings, so
// they can never disagree with what the keys do.
type keyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding

	Open, Back, Tab, Link, Browser key.Binding

	PrevMonth, NextMonth, Months, Filter, NextMatch, PrevMatch key.Binding

	Refresh, Help, Quit key.Binding

	// Copy puts the link on the clipboard (OSC 52); Suspend is ctrl+z, as
	// in every terminal program.
	Copy, Suspend key.Binding

	// NextArticle and PrevArticle step through the list from the reader.
	NextArticle, PrevArticle key.Binding

	// Sources is the view of the sources read together.
	Sources key.Binding

	// Read state: u toggles one headline, A marks what is shown, U shows
	// only the unread. (N, newsboat's toggle, is search-previous here.)
	ToggleRead, MarkShown, UnreadOnly key.Binding

	// ForceQuit quits from anywhere, also while text is typed.
	ForceQuit key.Binding

	// While a filter or search is typed, only these two mean anything
	// besides the text itself.
	Accept, Cancel key.Binding
}

func newKeyMap(t text) keyMap {
	return keyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", t.keyUp)),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t.keyDown)),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", t.keyTop)),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", t.keyBottom)),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", t.keyPageUp)),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space"), key.WithHelp("pgdn/space", t.keyPageDown)),

		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.keyOpen)),
		Back:    key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", t.keyBack)),
		Tab:     key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", t.keyTab)),
		Link:    key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"), key.WithHelp("1–9", t.keyLinks)),
		Browser: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", t.keyBrowser)),

		PrevMonth: key.NewBinding(key.WithKeys("["), key.WithHelp("[", t.keyPrevMonth)),
		NextMonth: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", t.keyNextMonth)),
		Months:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", t.keyMonths)),
		Filter:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", t.keyFilter)),
		NextMatch: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t.keyNextMatch)),
		PrevMatch: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", t.keyPrevMatch)),

		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t.keyRefresh)),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t.keyHelp)),
		Quit:    key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", t.keyQuit)),

		Copy:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", t.keyCopy)),
		Suspend: key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", t.keySuspend)),

		Sources:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", t.keySources)),
		NextArticle: key.NewBinding(key.WithKeys("J"), key.WithHelp("J", t.keyNextArticle)),
		PrevArticle: key.NewBinding(key.WithKeys("K"), key.WithHelp("K", t.keyPrevArticle)),

		ToggleRead: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", t.list.keyToggleRead)),
		MarkShown:  key.NewBinding(key.WithKeys("A"), key.WithHelp("A", t.list.keyMarkShown)),
		UnreadOnly: key.NewBinding(key.WithKeys("U"), key.WithHelp("U", t.list.keyUnreadOnly)),

		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c")),

		Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.keyAccept)),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t.keyCancel)),
	}
}

// ShortHelp is the hint line under the headline list.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.PrevMonth, k.NextMonth, k.Months, k.Filter, k.Help, k.Quit}
}

// severalHints is ShortHelp when several sources are read together: the
// sources view comes before the keys a narrow line leaves out first.
func (k keyMap) severalHints() []key.Binding {
	return slices.Insert(k.ShortHelp(), 3, k.Sources) // after enter, [ and ]
}

// FullHelp is the help screen, one column per group.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Back, k.Tab, k.Link, k.Browser, k.Copy, k.NextArticle, k.PrevArticle},
		{k.PrevMonth, k.NextMonth, k.Months, k.Sources, k.Filter, k.NextMatch, k.PrevMatch},
		{k.ToggleRead, k.MarkShown, k.UnreadOnly},
		{k.Refresh, k.Help, k.Quit, k.Suspend},
	}
}

// readerKeys is the keymap as the hint line shows it in the reader.
type readerKeys struct{ keyMap }

func (k readerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Tab, k.Link, k.Browser, k.Filter, k.Help, k.Quit}
}
