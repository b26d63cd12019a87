package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"nyss/feed"
)

// config is what the reader is given: the engine, the source, and the seams
// tests replace (the clock, the browser).
type config struct {
	engine  *feed.Engine // Client nil: offline
	source  string       // the source URL as the user gave it
	text    text
	plain   bool // no colour: NO_COLOR, or not a terminal
	now     func() time.Time
	openURL func(string) error
	// noWeb is an origin no browser can reach: the demo's, served only
	// inside this process. Empty for a real source.
	noWeb string
	// browser is $BROWSER, which comes before the desktop's opener.
	browser string
	// refresh is how often the reader syncs while open; 0: only on r.
	refresh time.Duration
	// together are the sources of the list, read together under the
	// name "Alla källor", when there are more than one; names are their
	// names in the list, for each headline's tag.
	together []string
	names    map[string]string
	// restDelay is how long the cursor rests on a headline before its
	// article is rendered in the background; 0: never.
	restDelay time.Duration
	// frameDelay is how long a frame drawn now takes to reach the
	// screen; 0 in tests, which have no screen.
	frameDelay time.Duration
	// firstLoad, when set, is the first frame's read, started before the
	// program so that it runs while the terminal is being set up.
	firstLoad tea.Cmd
}

// set is what the reader reads: the sources together, or the one.
func (c config) set() readSet {
	if len(c.together) > 1 {
		return readSet{urls: c.together, all: c.text.allSources}
	}
	return readSet{urls: []string{c.source}}
}

// label names what the reader reads, in messages.
func (c config) label() string {
	if s := c.set(); s.all != "" {
		return s.all
	}
	return c.source
}

// Layout: at wideWidth columns or more the list and the reader stand side
// by side; the article is wrapped at maxWrap columns at most, for reading.
const (
	wideWidth = 120
	maxWrap   = 100
)

type focus int

const (
	focusList focus = iota
	focusReader
)

type overlay int

const (
	overlayNone overlay = iota
	overlayMonths
	overlayHelp
	overlaySources
)

// model is the root of the reader. It owns the layout and the global keys,
// routes everything else to the child that shows (the headline list, the
// reader, the month picker, the help, the prompt, the status line), and
// carries out what the children ask for in their intent messages.
type model struct {
	// restSeq counts the cursor's moves to another headline, so that a
	// rest that ended is known when its tick comes (restMsg).
	restSeq int
	// detail is the highlighted headline's item with its summary and
	// link, once read (itemMsg); the preview shows its summary.
	detail feed.Item

	cfg    config
	ctx    context.Context
	keys   keyMap
	st     uiStyles
	isDark bool

	width, height int

	src          feed.SourceInfo
	loaded       bool // the first read of the cache is done
	hasData      bool // the source has been synced at least once
	partialTotal int  // while only the newest month is read: how many items there are

	list   headlineList
	reader reader
	months monthPicker
	// sources is the view of the sources read together (s).
	sources sourcesView
	help    help.Model
	// helpScreen is the ? overlay's scrolling; help draws its columns.
	helpScreen helpScreen
	status     statusLine
	prompt     prompt
	// confirm is a yes/no question on the status line (A).
	confirm confirmLine
	sync    syncState

	focus   focus
	overlay overlay

	fetching int64 // the item whose article is being fetched, 0 if none

	// refreshSeq numbers the refresh timer: a tick of an older timer,
	// overtaken by a sync in between, is ignored.
	refreshSeq int

	// searchSeq numbers the searches typed: only the last one's answer
	// is used.
	searchSeq int

	// frame is the last screen drawn, and state names what this model
	// shows: a message that changes nothing keeps the state, and View
	// gives the same frame again (see lastFrame).
	frame *lastFrame
	state int
}

// lastFrame is the screen View drew last, for the state it drew. Bubble
// Tea draws after every message, and at start-up most messages are the
// program's own (its environment, colour profile, the answers to its
// terminal queries), which nothing here reads: each cost a whole frame
// while the first was waiting to reach the screen.
type lastFrame struct {
	state  int
	screen string
	states int  // the last state handed out
	unread bool // update had no case for the message it was given
}

// changed gives the model a state of its own: it may show something new.
func (m *model) changed() {
	m.frame.states++
	m.state = m.frame.states
}

func newModel(ctx context.Context, cfg config) model {
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.openURL == nil {
		cfg.openURL = openInBrowser
	}
	m := model{
		cfg:    cfg,
		ctx:    ctx,
		keys:   newKeyMap(cfg.text),
		isDark: true,
		help:   help.New(),
		status: newStatusLine(),
		sync:   syncState{progress: &progressBox{}},
		frame:  &lastFrame{},
	}
	m.changed()
	m.restyle()
	if len(cfg.together) > 1 {
		m.list.tags = newSourceTags(cfg.together, cfg.names)
	}
	m.reader = newReader(m.st, cfg.text)
	m.reader.now = cfg.now
	if m.online() {
		// Init starts the sync; the model is a value there and cannot
		// record it, so it is recorded here.
		m.sync.running = true
	}
	return m
}

func (m model) Init() tea.Cmd {
	first := m.cfg.firstLoad
	if first == nil {
		first = firstLoadCmd(m.cfg.engine, m.cfg.set())
	}
	cmds := []tea.Cmd{tea.RequestBackgroundColor, first}
	if m.sync.running {
		cmds = append(cmds, m.syncCmd(), m.status.spin())
	}
	return tea.Batch(cmds...)
}

// restyle builds the styles for the background, and hands them out.
func (m *model) restyle() {
	m.st = newStyles(m.isDark, m.cfg.plain)
	m.reader.restyle(m.st)
	m.help.Styles = m.st.help
}

func (m model) now() time.Time { return m.cfg.now() }

func (m model) online() bool { return m.cfg.engine.Client != nil }

// busy is whether the spinner has something to show.
func (m model) busy() bool { return m.sync.running || m.fetching != 0 }

// readerHasKeys is whether keys go to the reader rather than the list.
func (m model) readerHasKeys() bool { return m.focus == focusReader && m.reader.open() }

// Update is update, and, when the headline under the cursor changed, the
// read of its summary and link (the list holds neither), and the start of
// a rest: the article is rendered in the background if the cursor stays
// there (config.restDelay).
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before, _ := m.list.selected()
	m.frame.unread = false
	next, cmd := m.update(msg)
	nm := next.(model)
	if !nm.frame.unread {
		nm.changed()
	}
	if rest, ok := msg.(restMsg); ok {
		return nm, tea.Batch(cmd, nm.rested(rest))
	}
	after, ok := nm.list.selected()
	if !ok || after.ID == before.ID && nm.restSeq > 0 {
		return nm, cmd
	}
	nm.restSeq++
	// The first frame's read brought the first headline's item along.
	if loaded, ok := msg.(loadedMsg); !ok || loaded.first.ID != after.ID {
		cmd = tea.Batch(cmd, itemCmd(nm.cfg.engine, after.ID))
	}
	if nm.cfg.restDelay == 0 {
		return nm, cmd
	}
	seq, id := nm.restSeq, after.ID
	return nm, tea.Batch(cmd, tea.Tick(nm.cfg.restDelay, func(time.Time) tea.Msg { return restMsg{seq: seq, id: id} }))
}

// setDetail keeps it as the highlighted headline's item, if it still is.
func (m *model) setDetail(it feed.Item) {
	if h, ok := m.list.selected(); ok && h.ID == it.ID {
		m.detail = it
	}
}

// afterFrame runs cmd once the frame drawn now is on the screen
// (config.frameDelay). The rest of the list is read so: on two cores,
// reading 10,000 rows beside the first frame's drawing delayed the
// renderer's tick that shows it by up to 15 ms.
func (m model) afterFrame(cmd tea.Cmd) tea.Cmd {
	if m.cfg.frameDelay == 0 {
		return cmd
	}
	return tea.Tick(m.cfg.frameDelay, func(time.Time) tea.Msg { return cmd() })
}

// restDelay is how long the cursor stays on a headline before its article
// is rendered in the background: longer than between two keys held down.
const restDelay = 150 * time.Millisecond

// rested pre-renders the article under the cursor, if the cursor is still
// on the headline the rest began on and the article is cached.
func (m model) rested(msg restMsg) tea.Cmd {
	it, ok := m.list.selected()
	if msg.seq != m.restSeq || !ok || it.ID != msg.id || !it.Cached || m.reader.shows(it.ID) {
		return nil
	}
	return m.reader.prerender(m.cfg.engine, it.ID)
}

func (m model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, m.reader.render(true)

	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.isDark {
			m.isDark = dark
			m.restyle()
			return m, m.reader.render(true)
		}

	case loadedMsg:
		m.loaded = true
		if msg.err != nil {
			m.status.warn(errorText(msg.err))
		}
		if msg.found {
			m.src, m.hasData = msg.src, true
		}
		m.list.setItems(msg.items, m.now())
		m.setDetail(msg.first)
		m.partialTotal = 0
		if msg.partial {
			m.partialTotal = msg.total
			return m, m.afterFrame(func() tea.Msg { return readRestMsg{} })
		}
		return m, giveBackMemory

	case readRestMsg:
		if m.reader.waiting() && m.cfg.frameDelay > 0 && msg.waits < maxRestWaits {
			// An article opened the moment the reader started shows
			// first: reading 10,000 headlines beside it held it back.
			return m, m.afterFrame(func() tea.Msg { return readRestMsg{msg.waits + 1} })
		}
		return m, loadCmd(m.cfg.engine, m.cfg.set())

	case syncDoneMsg:
		switch text, warn := m.sync.done(msg, m.cfg.text, m.now()); {
		case warn:
			m.status.warn(text)
		case text != "":
			m.status.say(text)
		}
		return m, tea.Batch(loadCmd(m.cfg.engine, m.cfg.set()), m.scheduleRefresh())

	case searchTickMsg:
		if msg.seq != m.searchSeq {
			return m, nil // more was typed since
		}
		return m, hitsCmd(m.cfg.engine, m.cfg.set(), msg.query)
	case hitsMsg:
		if msg.err == nil {
			m.list.setHits(msg.query, msg.hits)
		}
		return m, nil

	case refreshTickMsg:
		if msg.seq != m.refreshSeq || m.sync.running || !m.online() {
			return m, nil
		}
		// A timed sync is quiet: the status bar's time says it happened.
		m.sync.running = true
		m.sync.progress.set(feed.Progress{})
		return m, tea.Batch(m.syncCmd(), m.status.spin())

	case spinner.TickMsg:
		m.status, cmd = m.status.update(msg, m.busy())
		if m.sync.poll() {
			// The feed step is done, so its items are in the cache: new
			// headlines show while the articles are still fetched.
			cmd = tea.Batch(cmd, loadCmd(m.cfg.engine, m.cfg.set()))
		}
		return m, cmd

	case articleMsg:
		return m, m.articleRead(msg)

	case renderedMsg:
		m.reader.keepRendered(msg)
		return m, nil
	case linkTimeoutMsg:
		m.reader, cmd = m.reader.update(msg, m.keys)
		return m, cmd

	case browsedMsg:
		var missing noOpenerError
		switch {
		case errors.As(msg.err, &missing):
			m.status.warn(fmt.Sprintf(m.cfg.text.noOpener, missing.name, msg.url))
		case msg.err != nil:
			m.status.warn(fmt.Sprintf(m.cfg.text.noBrowser, errorText(msg.err), msg.url))
		}

	// Intents of the children.
	case statusMsg:
		if msg.isError {
			m.status.warn(msg.text)
		} else {
			m.status.say(msg.text)
		}
	case browseMsg:
		return m, m.browse(msg.url)
	case browseItemMsg:
		return m, itemLinkCmd(m.cfg.engine, msg.id, func(url string) tea.Msg { return browseMsg{url} })
	case itemMsg:
		m.setDetail(msg.item)
	case copyMsg:
		return m, m.copy(msg.url)
	case readMsg:
		m.list.markRead(msg.id)
		m.followReader()
		return m, tea.Batch(articleCmd(m.cfg.engine, msg.id), markReadCmd(m.cfg.engine, msg.id))
	case readerClosedMsg:
		m.focus = focusList
	case promptMsg:
		return m, m.applyPrompt(msg)
	case pickedMonthMsg:
		m.overlay = overlayNone
		m.list.setMonth(msg.month)
	case pickedSourceMsg:
		m.overlay = overlayNone
		m.list.setSource(msg.url)
	case sourceStatesMsg:
		m.sources.setStates(msg.states)
	case closePickerMsg:
		m.overlay = overlayNone
	case markedShownMsg:
		return m, m.markedShown(msg)

	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseWheelMsg:
		return m.handleMouse(msg, msg.X)
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft || msg.Y >= m.bodyHeight() || m.prompt.active() {
			return m, nil
		}
		return m.handleMouse(msg, msg.X)
	case tea.PasteMsg:
		if m.prompt.active() {
			m.prompt, cmd = m.prompt.update(msg, m.keys)
			return m, cmd
		}
	default:
		// Bubble Tea's own messages (its environment, colour profile,
		// the answers to its terminal queries) and any other that no case
		// here reads: nothing changed.
		m.frame.unread = true
	}
	return m, nil
}

// searchDelay is how long typing rests before the search runs: a word
// typed quickly is one search, not one a letter.
const searchDelay = 120 * time.Millisecond

// searchTickMsg is the typing having rested.
type searchTickMsg struct {
	seq   int
	query string
}

// searchSoon searches the cache for the text filter once typing rests;
// meanwhile the titles filter the list.
func (m *model) searchSoon(query string) tea.Cmd {
	m.searchSeq++
	if query == "" {
		return nil
	}
	seq := m.searchSeq
	return tea.Tick(searchDelay, func(time.Time) tea.Msg { return searchTickMsg{seq, query} })
}

// refreshTickMsg is the refresh timer going off.
type refreshTickMsg struct{ seq int }

// scheduleRefresh sets the timer for the next sync, the interval after the
// last one ended; none when refresh is off or there is no network.
func (m *model) scheduleRefresh() tea.Cmd {
	if m.cfg.refresh <= 0 || !m.online() {
		return nil
	}
	m.refreshSeq++
	seq := m.refreshSeq
	return tea.Tick(m.cfg.refresh, func(time.Time) tea.Msg { return refreshTickMsg{seq} })
}

// resize hands every child its size, shown or hidden.
func (m *model) resize() {
	h := m.bodyHeight()
	m.list.setSize(m.listWidth(), h)
	m.reader.setSize(m.readerWidth(), h)
	m.months.setSize(m.width, h)
	m.help.SetWidth(m.width - 4)
	m.helpScreen.setSize(m.width, h)
}

func (m model) wide() bool { return m.width >= wideWidth }

// bodyHeight is the screen less the status bar and the line under it.
func (m model) bodyHeight() int { return max(1, m.height-2) }

func (m model) listWidth() int {
	if !m.wide() {
		return m.width
	}
	// The article is wrapped at maxWrap: what the reader cannot use goes
	// to the titles.
	return max(44, min(72, m.width*9/20), m.width-readerNeeds-1)
}

// readerNeeds is the width the reader uses at most: the wrap and Glamour's
// margins.
const readerNeeds = maxWrap + 4

func (m model) readerWidth() int {
	if !m.wide() {
		return m.width
	}
	return m.width - m.listWidth() - 1
}

// syncCmd syncs the source in the background; the engine reports progress
// into the box from its own goroutine, and the spinner reads it.
func (m model) syncCmd() tea.Cmd {
	return syncCmd(m.ctx, m.cfg.engine, m.cfg.set(), m.sync.progress.set)
}

// startSync runs a sync in the background (r).
func (m *model) startSync() tea.Cmd {
	switch {
	case !m.online():
		m.status.warn(m.cfg.text.offlineNoop)
		return nil
	case m.sync.running:
		m.status.say(m.cfg.text.syncBusy)
		return nil
	}
	m.sync.start()
	return tea.Batch(m.syncCmd(), m.status.spin())
}

func (m model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if key.Matches(msg, m.keys.ForceQuit) {
		return m, tea.Quit
	}
	if key.Matches(msg, m.keys.Suspend) {
		return m, tea.Suspend
	}
	if m.prompt.active() {
		m.prompt, cmd = m.prompt.update(msg, m.keys)
		return m, cmd
	}
	if m.confirm.active() {
		return m, m.confirmKey(msg)
	}
	m.status.clear()

	switch m.overlay {
	case overlayHelp:
		// q and esc close the help, as they close a pager; the move keys
		// scroll it.
		var closed bool
		m.helpScreen, closed = m.helpScreen.update(msg, m.keys, m.helpContent())
		if closed {
			m.overlay = overlayNone
		}
		return m, nil
	case overlayMonths:
		// The picker has every key but q and ?, which mean what they
		// mean everywhere.
		if !key.Matches(msg, m.keys.Quit, m.keys.Help) {
			m.months, cmd = m.months.update(msg, m.keys)
			return m, cmd
		}
	case overlaySources:
		if !key.Matches(msg, m.keys.Quit, m.keys.Help) {
			m.sources, cmd = m.sources.update(msg, m.keys)
			return m, cmd
		}
	}

	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.overlay = overlayHelp
		m.helpScreen.open()
		return m, nil
	case key.Matches(msg, m.keys.Refresh):
		return m, m.startSync()
	case key.Matches(msg, m.keys.Copy):
		return m, m.copyLink()
	case key.Matches(msg, m.keys.Sources):
		if len(m.cfg.together) < 2 {
			m.status.say(fmt.Sprintf(m.cfg.text.oneSource, m.cfg.label()))
			return m, nil
		}
		m.showList()
		m.sources = m.sources.open(m.cfg.together, m.cfg.names, m.list.items, m.list.source, m.cfg.text)
		m.overlay = overlaySources
		return m, sourceStatesCmd(m.cfg.engine, m.cfg.together)
	case key.Matches(msg, m.keys.NextArticle, m.keys.PrevArticle) && m.reader.open():
		return m, m.stepArticle(key.Matches(msg, m.keys.NextArticle))
	case msg.String() == "space" && m.readerHasKeys() && m.reader.atEnd():
		// As in newsboat: space at the end of an article reads on.
		return m, m.nextUnread()
	case key.Matches(msg, m.keys.PrevMonth, m.keys.NextMonth):
		// Months filter the list, so they bring the list back.
		m.showList()
		return m, m.list.stepMonth(key.Matches(msg, m.keys.PrevMonth), m.cfg.text)
	case key.Matches(msg, m.keys.Months):
		m.showList()
		month, _ := m.list.filters()
		m.months = m.months.open(m.list.months(), month, m.list.selectedMonth())
		m.overlay = overlayMonths
		return m, nil
	case key.Matches(msg, m.keys.Filter):
		if m.readerHasKeys() {
			m.prompt.start(promptSearch, m.cfg.text.searchPrompt, m.reader.searchQuery())
		} else {
			_, query := m.list.filters()
			m.prompt.start(promptFilter, m.cfg.text.filterPrompt, query)
		}
		return m, nil
	}
	if cmd, ok := m.readStateKey(msg); ok {
		return m, cmd
	}
	switch {
	case m.readerHasKeys():
		m.reader, cmd = m.reader.update(msg, m.keys)
		m.followReader() // back (esc) may show another article
		return m, cmd
	case key.Matches(msg, m.keys.Open):
		if it, ok := m.list.selected(); ok {
			return m, m.openItem(it)
		}
		return m, nil
	}
	m.list, cmd = m.list.update(msg, m.keys)
	m.list.seeFresh()
	return m, cmd
}

// followReader marks in the list the article the reader shows beside it,
// also one reached by a related link; one the filters hide is named in the
// list pane instead.
func (m *model) followReader() {
	if !m.reader.open() {
		m.list.away = ""
		return
	}
	it := m.reader.page().reading.Item
	if m.list.selectID(it.ID) {
		m.list.away = ""
		return
	}
	m.list.away = it.Title
}

// showList puts the list in front: the reader closes.
func (m *model) showList() {
	m.reader.close()
	m.list.away = ""
	m.focus = focusList
}

// openItem opens a headline from the list: a new history begins.
func (m *model) openItem(h feed.Headline) tea.Cmd {
	m.focus = focusReader
	it := feed.Item{Headline: h}
	if m.detail.ID == h.ID {
		it = m.detail // its summary shows while the article is read
	}
	return m.reader.read(it)
}

// articleRead hands what the engine read of an article to the reader; a
// pending one is fetched next, with the spinner turning.
func (m *model) articleRead(msg articleMsg) tea.Cmd {
	r := msg.reading
	if m.fetching == msg.id && !r.Pending {
		m.fetching = 0
	}
	if r.Article != nil {
		m.list.setCached(msg.id)
	}
	if !m.reader.shows(msg.id) {
		return nil // the reader has moved on
	}
	if msg.err != nil {
		r = feed.Reading{Note: feed.NoteFailed, Err: msg.err}
	}
	cmd := m.reader.setReading(r)
	if r.Pending {
		m.fetching = msg.id
		return tea.Batch(cmd, fetchArticleCmd(m.ctx, m.cfg.engine, r), m.status.spin())
	}
	return cmd
}

// browse opens a URL in the browser, through the config's seam.
func (m *model) browse(url string) tea.Cmd {
	if url == "" {
		m.status.say(m.cfg.text.noURL)
		return nil
	}
	if m.cfg.noWeb != "" && strings.HasPrefix(url, m.cfg.noWeb) {
		// The demo's host answers only inside this process: a browser
		// would find nothing there.
		m.status.say(m.cfg.text.demoNoWeb)
		return nil
	}
	m.status.say(fmt.Sprintf(m.cfg.text.opening, url))
	if argv, ok := browserArgv(m.cfg.browser, url); ok {
		return browserCmd(argv, url)
	}
	return browseCmd(m.cfg.openURL, url)
}

// stepArticle opens the next (or previous) headline of the list, in its
// order and under its filters, from the reader.
func (m *model) stepArticle(next bool) tea.Cmd {
	before, _ := m.list.selected()
	if next {
		m.list.move(1)
	} else {
		m.list.move(-1)
	}
	it, ok := m.list.selected()
	switch {
	case !ok || it.ID == before.ID && next:
		m.status.say(m.cfg.text.noNextArticle)
		return nil
	case it.ID == before.ID:
		m.status.say(m.cfg.text.noPrevArticle)
		return nil
	}
	return m.openItem(it)
}

// nextUnread opens the next unread headline below the highlighted one.
func (m *model) nextUnread() tea.Cmd {
	if !m.list.toNextUnread() {
		m.status.say(m.cfg.text.noMoreUnread)
		return nil
	}
	it, _ := m.list.selected()
	return m.openItem(it)
}

// copyLink puts the link of the article open, or of the highlighted
// headline, on the clipboard with OSC 52, which works over ssh and in tmux
// as well as locally.
func (m *model) copyLink() tea.Cmd {
	url := m.reader.url()
	if !m.readerHasKeys() || url == "" {
		it, ok := m.list.selected()
		if !ok {
			return m.copy("")
		}
		return itemLinkCmd(m.cfg.engine, it.ID, func(url string) tea.Msg { return copyMsg{url} })
	}
	return m.copy(url)
}

// copy puts url on the clipboard, saying so.
func (m *model) copy(url string) tea.Cmd {
	if url == "" {
		m.status.say(m.cfg.text.noURL)
		return nil
	}
	m.status.say(fmt.Sprintf(m.cfg.text.copied, url))
	return tea.SetClipboard(url)
}

// applyPrompt applies the text typed: the list's filter, or the search in
// the article.
func (m *model) applyPrompt(msg promptMsg) tea.Cmd {
	switch msg.target {
	case promptFilter:
		m.list.setQuery(msg.text)
		return m.searchSoon(msg.text)
	case promptSearch:
		m.reader.setQuery(msg.text)
		if msg.done && msg.text != "" && m.reader.searchPosition() == "" {
			return say(fmt.Sprintf(m.cfg.text.noMatches, msg.text))
		}
	}
	return nil
}

// inReader tells whether screen column x belongs to the reader.
func (m model) inReader(x int) bool {
	if m.wide() {
		return m.reader.open() && x > m.listWidth()
	}
	return m.readerHasKeys()
}

// handleMouse sends the wheel and clicks to the pane under the pointer. A
// click on a headline selects it; a second click on it, or any click
// while an article is open beside the list, opens it.
func (m model) handleMouse(msg tea.Msg, x int) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	_, click := msg.(tea.MouseClickMsg)
	switch {
	case m.overlay == overlayMonths:
		m.months, cmd = m.months.update(msg, m.keys)
	case m.overlay != overlayNone:
		if click {
			m.overlay = overlayNone
		}
	case m.inReader(x):
		m.reader, cmd = m.reader.update(msg, m.keys)
	case click:
		again, ok := m.list.clickRow(msg.(tea.MouseClickMsg).Y)
		if !ok {
			return m, nil
		}
		if it, _ := m.list.selected(); again || (m.wide() && m.reader.open()) {
			return m, m.openItem(it)
		}
		m.focus = focusList
	default:
		m.list, cmd = m.list.update(msg, m.keys)
		m.list.seeFresh()
	}
	return m, cmd
}
