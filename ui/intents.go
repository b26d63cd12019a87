package ui

import tea "charm.land/bubbletea/v2"

// Intents: what a child model asks of the root, as messages. A child
// decides within itself and says what the rest of the screen should do;
// the root composes. (The month picker's are in months.go.)

// statusMsg puts a line on the message line.
type statusMsg struct {
	text    string
	isError bool
}

func say(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}

// browseMsg asks for a URL to be opened in the browser.
type browseMsg struct{ url string }

func browse(url string) tea.Cmd {
	return func() tea.Msg { return browseMsg{url} }
}

// browseItemMsg asks for item id's link to be opened in the browser: the
// list holds no links.
type browseItemMsg struct{ id int64 }

func browseItem(id int64) tea.Cmd {
	return func() tea.Msg { return browseItemMsg{id} }
}

// readMsg says the reader now shows item id: its article is to be read,
// and the item marked read.
type readMsg struct{ id int64 }

// restMsg ends a rest of the cursor on item id begun as seq.
type restMsg struct {
	seq int
	id  int64
}

// readerClosedMsg says the reader went back past its first page.
type readerClosedMsg struct{}

// promptMsg carries the text typed so far, as it is typed; done is set
// when typing ends (enter, or esc, with the text as it was before).
type promptMsg struct {
	target promptTarget
	text   string
	done   bool
}
