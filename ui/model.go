package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"nyss/feed"
	"nyss/feed/store"
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
)

type inputMode int

const (
	inputNone   inputMode = iota
	inputFilter           // the list's text filter
	inputSearch           // search inside the article
)

// model is the root of the reader. It owns the layout and the global keys
// and routes everything else to the sub-model that shows: the headline
// list, the reader, the month picker, the help, the status line.
type model struct {
	cfg    config
	ctx    context.Context
	keys   keyMap
	st     uiStyles
	isDark bool

	width, height int

	src          store.Source
	loaded       bool // the first read of the cache is done
	hasData      bool // the source has been synced at least once
	partialTotal int  // while only the newest month is read: how many items there are

	list   headlineList
	reader reader
	months monthPicker
	help   help.Model
	status statusLine

	focus   focus
	overlay overlay

	input       lineInput
	inputMode   inputMode
	inputBefore string // the filter or query before typing began, for esc

	syncing   bool
	syncStage string
	progress  *progressBox
	report    *feed.Report // of the last sync that succeeded
	syncErr   error        // of the last sync, when it failed

	fetching int64     // the item whose article is being fetched, 0 if none
	wantKey  renderKey // the rendering the reader waits for
	renders  *renderCache

	linkDigits string // digits typed so far of a link number
	linkSeq    int
}

func newModel(ctx context.Context, cfg config) model {
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.openURL == nil {
		cfg.openURL = openInBrowser
	}
	m := model{
		cfg:      cfg,
		ctx:      ctx,
		keys:     newKeyMap(cfg.text),
		isDark:   true,
		help:     help.New(),
		status:   newStatusLine(),
		progress: &progressBox{},
		renders:  newRenderCache(),
	}
	m.restyle()
	m.reader = newReader(m.st)
	if cfg.engine.Client != nil {
		// Init starts the sync; the model is a value there and cannot
		// record it, so it is recorded here. The engine reports progress
		// into the box from its own goroutine; the spinner reads it.
		m.syncing, m.status.spinning = true, true
		cfg.engine.Progress = m.progress.set
	}
	return m
}

func (m model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, firstLoadCmd(m.cfg.engine.Store, m.cfg.source)}
	if m.syncing {
		cmds = append(cmds, syncCmd(m.ctx, m.cfg.engine, m.cfg.source), m.status.spinner.Tick)
	}
	return tea.Batch(cmds...)
}

// restyle builds the styles for the background, and hands them out.
func (m *model) restyle() {
	m.st = newStyles(m.isDark, m.cfg.plain)
	m.reader.st = m.st
	m.help.Styles = m.st.help
}

func (m model) now() time.Time { return m.cfg.now() }

func (m model) online() bool { return m.cfg.engine.Client != nil }

// busy is whether the spinner has something to show.
func (m model) busy() bool { return m.syncing || m.fetching != 0 }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, m.renderPage(true)

	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.isDark {
			m.isDark = dark
			m.restyle()
			m.reader.layout()
			return m, m.renderPage(true)
		}
		return m, nil

	case loadedMsg:
		m.loaded = true
		if msg.err != nil {
			m.status.warn(errorText(msg.err))
		}
		if msg.found {
			m.src, m.hasData = msg.src, true
		}
		m.list.setItems(msg.items, m.now())
		m.partialTotal = 0
		if msg.partial {
			m.partialTotal = msg.total
			return m, loadCmd(m.cfg.engine.Store, m.cfg.source)
		}
		return m, nil

	case syncDoneMsg:
		return m.syncDone(msg)

	case spinner.TickMsg:
		var cmd tea.Cmd
		m.status, cmd = m.status.update(msg, m.busy())
		return m, tea.Batch(cmd, m.pollProgress())

	case articleMsg:
		return m.articleLoaded(msg)

	case renderedMsg:
		if msg.err != nil {
			// Glamour failing is not worth an empty page: say so instead.
			msg.out = "\n  " + errorText(msg.err)
		}
		m.renders.put(msg.key, msg.out)
		if msg.key == m.wantKey && m.reader.open() {
			m.reader.setRendered(msg.out)
		}
		return m, nil

	case openedMsg:
		var missing noOpenerError
		switch {
		case errors.As(msg.err, &missing):
			m.status.warn(fmt.Sprintf(m.cfg.text.noOpener, missing.name, msg.url))
		case msg.err != nil:
			m.status.warn(fmt.Sprintf(m.cfg.text.noBrowser, errorText(msg.err), msg.url))
		}
		return m, nil

	case linkTimeoutMsg:
		if msg.seq == m.linkSeq && m.linkDigits != "" {
			return m, m.openLink()
		}
		return m, nil

	case pickedMonthMsg:
		m.overlay = overlayNone
		m.list.setFilters(msg.month, m.list.query)
		return m, nil

	case closePickerMsg:
		m.overlay = overlayNone
		return m, nil

	case tea.KeyPressMsg:
		return m.handleKey(msg)

	case tea.MouseWheelMsg:
		return m.handleWheel(msg)

	case tea.MouseClickMsg:
		return m.handleClick(msg)

	case tea.PasteMsg:
		if m.inputMode != inputNone && m.input.update(msg) {
			m.applyInput()
		}
	}
	return m, nil
}

// resize hands every child its size, shown or hidden.
func (m *model) resize() {
	h := m.bodyHeight()
	m.list.setSize(m.listWidth(), h)
	m.reader.setSize(m.readerWidth(), h)
	m.months.setSize(m.width, h)
	m.help.SetWidth(m.width - 4)
}

func (m model) wide() bool { return m.width >= wideWidth }

// bodyHeight is the screen less the status bar and the line under it.
func (m model) bodyHeight() int { return max(1, m.height-2) }

func (m model) listWidth() int {
	if !m.wide() {
		return m.width
	}
	return max(44, min(72, m.width*9/20))
}

func (m model) readerWidth() int {
	if !m.wide() {
		return m.width
	}
	return m.width - m.listWidth() - 1
}

func (m model) wrapWidth() int { return max(20, min(maxWrap, m.readerWidth())) }

// syncDone records how a sync went and reads the list again.
func (m model) syncDone(msg syncDoneMsg) (tea.Model, tea.Cmd) {
	m.syncing, m.syncStage = false, ""
	if msg.err != nil {
		m.syncErr = msg.err
		if !errors.Is(msg.err, context.Canceled) {
			m.status.warn(fmt.Sprintf(m.cfg.text.syncFailed, errorText(msg.err)))
		}
	} else {
		m.syncErr, m.report = nil, msg.report
		if n := len(msg.report.Articles.Failures); n > 0 {
			m.status.warn(fmt.Sprintf(m.cfg.text.failedCount, n))
		}
	}
	return m, loadCmd(m.cfg.engine.Store, m.cfg.source)
}

// pollProgress reads the sync's progress. When the feed step is done its
// items are in the cache, so the list is read again at once: new headlines
// appear while the articles are still being fetched.
func (m *model) pollProgress() tea.Cmd {
	if !m.syncing {
		return nil
	}
	p := m.progress.get()
	stage := m.syncStage
	m.syncStage = p.Stage
	if stage != "articles" && p.Stage == "articles" {
		return loadCmd(m.cfg.engine.Store, m.cfg.source)
	}
	return nil
}

// startSync runs a sync in the background (r).
func (m *model) startSync() tea.Cmd {
	switch {
	case !m.online():
		m.status.warn(m.cfg.text.offlineNoop)
		return nil
	case m.syncing:
		m.status.say(m.cfg.text.syncBusy)
		return nil
	}
	m.syncing, m.syncStage = true, ""
	m.progress.set(feed.Progress{})
	return tea.Batch(syncCmd(m.ctx, m.cfg.engine, m.cfg.source), m.status.spin())
}

func (m model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	if m.inputMode != inputNone {
		return m.handleInput(msg)
	}
	m.status.clear()
	isDigit := key.Matches(msg, m.keys.Link)
	if !isDigit && !key.Matches(msg, m.keys.Open) {
		m.linkDigits = ""
	}

	switch m.overlay {
	case overlayHelp:
		// Any key closes the help; q still quits.
		if key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		m.overlay = overlayNone
		return m, nil
	case overlayMonths:
		if key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		if key.Matches(msg, m.keys.Help) {
			m.overlay = overlayHelp
			return m, nil
		}
		var cmd tea.Cmd
		m.months, cmd = m.months.update(msg, m.keys)
		return m, cmd
	}

	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.overlay = overlayHelp
		return m, nil
	case key.Matches(msg, m.keys.Refresh):
		return m, m.startSync()
	case key.Matches(msg, m.keys.PrevMonth), key.Matches(msg, m.keys.NextMonth), key.Matches(msg, m.keys.Months):
		// Months filter the list, so they bring the list back.
		m.showList()
		switch {
		case key.Matches(msg, m.keys.PrevMonth):
			m.stepMonth(true)
		case key.Matches(msg, m.keys.NextMonth):
			m.stepMonth(false)
		default:
			m.openPicker()
		}
		return m, nil
	}

	if m.focus == focusReader && m.reader.open() {
		return m.readerKey(msg)
	}
	return m.listKey(msg)
}

func (m model) listKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Open):
		if it, ok := m.list.selected(); ok {
			return m, m.openItem(it)
		}
	case key.Matches(msg, m.keys.Back):
		m.list.setFilters("", "")
	case key.Matches(msg, m.keys.Filter):
		return m, m.startInput(inputFilter, m.list.query)
	case key.Matches(msg, m.keys.Browser):
		if it, ok := m.list.selected(); ok {
			return m, m.browse(cleanItem(it).URL)
		}
	default:
		var cmd tea.Cmd
		m.list, cmd = m.list.update(msg, m.keys)
		return m, cmd
	}
	return m, nil
}

func (m model) readerKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		if m.reader.query != "" {
			m.reader.clearSearch()
			return m, nil
		}
		return m, m.back()
	case key.Matches(msg, m.keys.Open):
		if m.linkDigits != "" {
			return m, m.openLink()
		}
		if rel, ok := m.reader.selectedRelated(); ok {
			return m, m.openRelated(rel.ItemID, rel.Title, rel.URL, rel.Published)
		}
	case key.Matches(msg, m.keys.Tab):
		if !m.reader.toggleFocus() {
			m.status.say(m.cfg.text.noRelated)
		}
	case key.Matches(msg, m.keys.Link):
		return m, m.typeDigit(msg.String())
	case key.Matches(msg, m.keys.Browser):
		return m, m.browse(m.reader.url())
	case key.Matches(msg, m.keys.Filter):
		return m, m.startInput(inputSearch, m.reader.query)
	default:
		var cmd tea.Cmd
		m.reader, cmd = m.reader.update(msg, m.keys)
		if key.Matches(msg, m.keys.NextMatch, m.keys.PrevMatch) && m.reader.query != "" && len(m.reader.matches) == 0 {
			m.status.say(fmt.Sprintf(m.cfg.text.noMatches, m.reader.query))
		}
		return m, cmd
	}
	return m, nil
}

// showList puts the list in front: the reader closes.
func (m *model) showList() {
	m.reader.close()
	m.focus = focusList
}

// back leaves the article for the previous one, and the last for the list.
func (m *model) back() tea.Cmd {
	if m.reader.pop() {
		return m.renderPage(false)
	}
	m.focus = focusList
	return nil
}

// stepMonth moves the month filter to the next older or newer month that
// has news. With no month filter, it selects the highlighted headline's.
func (m *model) stepMonth(older bool) {
	months := m.list.months() // newest first
	if len(months) == 0 {
		m.status.say(m.cfg.text.noMonths)
		return
	}
	cur := m.list.month
	if cur == "" {
		target := m.list.selectedGroup()
		if target == "" {
			target = months[0].Month
		}
		m.list.setFilters(target, m.list.query)
		return
	}
	next := ""
	if older {
		for _, mc := range months {
			if mc.Month < cur {
				next = mc.Month
				break
			}
		}
	} else {
		for i := len(months) - 1; i >= 0; i-- {
			if months[i].Month > cur {
				next = months[i].Month
				break
			}
		}
	}
	switch {
	case next != "":
		m.list.setFilters(next, m.list.query)
	case older:
		m.status.say(m.cfg.text.noOlder)
	default:
		m.status.say(m.cfg.text.noNewer)
	}
}

func (m *model) openPicker() {
	m.months = m.months.open(m.list.months(), m.list.month, m.list.selectedGroup())
	m.months.setSize(m.width, m.bodyHeight())
	m.overlay = overlayMonths
}

// openItem opens a headline from the list: a new history begins.
func (m *model) openItem(it store.Item) tea.Cmd {
	m.reader.close()
	m.reader.push(page{item: cleanItem(it)})
	m.focus = focusReader
	m.list.markRead(it.ID)
	return tea.Batch(articleCmd(m.cfg.engine.Store, it.ID), markReadCmd(m.cfg.engine.Store, it.ID))
}

// openRelated opens a related article on top of the one shown. One that is
// not in the cache has no item to fetch it as, so it opens in the browser.
func (m *model) openRelated(itemID int64, title, url string, published time.Time) tea.Cmd {
	if itemID == 0 {
		m.status.say(fmt.Sprintf(m.cfg.text.notCached, title))
		return m.browse(url)
	}
	m.reader.push(page{item: store.Item{ID: itemID, Title: title, URL: url, Published: published}})
	m.list.markRead(itemID)
	return tea.Batch(articleCmd(m.cfg.engine.Store, itemID), markReadCmd(m.cfg.engine.Store, itemID))
}

// articleLoaded shows an article read from the cache or fetched. One not
// cached is fetched now when online; otherwise the feed's summary stands in,
// with a note saying why.
func (m model) articleLoaded(msg articleMsg) (tea.Model, tea.Cmd) {
	if msg.fetched && m.fetching == msg.item.ID {
		m.fetching = 0
	}
	if !m.reader.open() || m.reader.page().item.ID != msg.item.ID {
		return m, nil // the reader has moved on
	}
	p := m.reader.page()
	if msg.item.Title != "" {
		p.item = msg.item
	}
	t := m.cfg.text
	switch {
	case msg.article != nil:
		p.article, p.note, p.loading = msg.article, "", false
	case msg.fetched:
		p.loading, p.note = false, fmt.Sprintf(t.noteFailed, errorText(msg.err))
	case msg.err != nil:
		p.note = errorText(msg.err)
	case m.online() && p.item.URL != "":
		p.loading = true
		m.fetching = p.item.ID
		return m, tea.Batch(fetchArticleCmd(m.ctx, m.cfg.engine, p.item), m.status.spin())
	default:
		p.note = t.noteOffline
	}
	return m, m.renderPage(false)
}

// renderPage shows the page from the render cache, or renders it in the
// background. keep leaves the old rendering on the screen meanwhile (a
// resize), rather than a blank page.
func (m *model) renderPage(keep bool) tea.Cmd {
	if !m.reader.open() || m.width == 0 {
		return nil
	}
	p := m.reader.page()
	if p.loading {
		return nil
	}
	if keep {
		p.yOffset = m.reader.vp.YOffset()
	}
	md := p.markdown()
	k := newRenderKey(md, m.wrapWidth(), m.st.glamour)
	m.wantKey = k
	if out, ok := m.renders.get(k); ok {
		m.reader.setRendered(out)
		return nil
	}
	if !keep {
		m.reader.rendered = ""
	}
	return renderCmd(k, md)
}

// typeDigit collects a link number. It opens the link as soon as no further
// digit could make a valid number: of 12 links, 1 waits a moment for a
// second digit (it could become 10, 11 or 12), 2 opens at once.
func (m *model) typeDigit(d string) tea.Cmd {
	n := m.reader.linkCount()
	if n == 0 {
		m.status.say(fmt.Sprintf(m.cfg.text.noLink, atoi(d)))
		return nil
	}
	m.linkDigits += d
	if v := atoi(m.linkDigits); v*10 > n || len(m.linkDigits) >= len(strconv.Itoa(n)) {
		return m.openLink()
	}
	m.linkSeq++
	return linkTimeout(m.linkSeq)
}

func (m *model) openLink() tea.Cmd {
	v := atoi(m.linkDigits)
	m.linkDigits = ""
	url, ok := m.reader.link(v)
	if !ok {
		m.status.say(fmt.Sprintf(m.cfg.text.noLink, v))
		return nil
	}
	return m.browse(url)
}

func atoi(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}

// browse opens a URL in the browser, through the config's seam.
func (m *model) browse(url string) tea.Cmd {
	if url == "" {
		m.status.say(m.cfg.text.noURL)
		return nil
	}
	m.status.say(fmt.Sprintf(m.cfg.text.opening, url))
	return openCmd(m.cfg.openURL, url)
}

// startInput begins typing a filter or a search.
func (m *model) startInput(mode inputMode, value string) tea.Cmd {
	m.inputMode, m.inputBefore = mode, value
	m.input.prompt = m.cfg.text.filterPrompt
	if mode == inputSearch {
		m.input.prompt = m.cfg.text.searchPrompt
	}
	m.input.set(value)
	return nil
}

// handleInput sends every key to the text being typed, but enter and esc.
// The filter applies as it is typed.
func (m model) handleInput(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Accept):
		m.inputMode = inputNone
		if m.reader.query != "" && len(m.reader.matches) == 0 && m.focus == focusReader {
			m.status.say(fmt.Sprintf(m.cfg.text.noMatches, m.reader.query))
		}
		return m, nil
	case key.Matches(msg, m.keys.Cancel):
		m.input.set(m.inputBefore)
		m.applyInput()
		m.inputMode = inputNone
		return m, nil
	}
	if m.input.update(msg) {
		m.applyInput()
	}
	return m, nil
}

func (m *model) applyInput() {
	switch m.inputMode {
	case inputFilter:
		m.list.setFilters(m.list.month, m.input.text())
	case inputSearch:
		m.reader.setQuery(m.input.text())
	}
}

// inReader tells whether screen column x belongs to the reader.
func (m model) inReader(x int) bool {
	if m.wide() {
		return m.reader.open() && x > m.listWidth()
	}
	return m.focus == focusReader && m.reader.open()
}

func (m model) handleWheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case m.overlay == overlayMonths:
		m.months, cmd = m.months.update(msg, m.keys)
	case m.overlay != overlayNone:
	case m.inReader(msg.X):
		m.reader, cmd = m.reader.update(msg, m.keys)
	default:
		m.list, cmd = m.list.update(msg, m.keys)
	}
	return m, cmd
}

// handleClick selects the headline clicked; a second click on it, or any
// click while an article is open beside the list, opens it. A click on a
// related entry opens that.
func (m model) handleClick(msg tea.MouseClickMsg) (tea.Model, tea.Cmd) {
	if msg.Button != tea.MouseLeft || msg.Y >= m.bodyHeight() || m.inputMode != inputNone {
		return m, nil
	}
	switch {
	case m.overlay == overlayMonths:
		var cmd tea.Cmd
		m.months, cmd = m.months.update(msg, m.keys)
		return m, cmd
	case m.overlay != overlayNone:
		m.overlay = overlayNone
		return m, nil
	case m.inReader(msg.X):
		line := m.reader.vp.YOffset() + msg.Y
		if rs := m.reader.relStart; rs >= 0 && line > rs && line-rs-1 < len(m.reader.related()) {
			rel := m.reader.related()[line-rs-1]
			m.reader.page().relCursor = line - rs - 1
			m.reader.focusRelated = true
			m.reader.layout()
			return m, m.openRelated(rel.ItemID, rel.Title, rel.URL, rel.Published)
		}
		return m, nil
	}
	again, ok := m.list.clickRow(msg.Y)
	if !ok {
		return m, nil
	}
	if it, _ := m.list.selected(); again || (m.wide() && m.reader.open()) {
		return m, m.openItem(it)
	}
	m.focus = focusList
	return m, nil
}
