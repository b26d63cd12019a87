package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// uiStyles is every look of the reader, built once for a dark or a light
// background (and again when the terminal tells which it is).
//
// Where colour is off (NO_COLOR, not a terminal) Bubble Tea drops the
// colours on output; what must stay visible then, such as the cursor and
// search matches, also uses reverse video or bold, which survive.
type uiStyles struct {
	heading, date, title, readTitle, unread lipgloss.Style
	cursor, cursorBlurred                   lipgloss.Style
	divider, dividerFocus, faint, empty     lipgloss.Style
	cursorBar, cursorBarBlurred             lipgloss.Style // the cursor row's first cell

	status, statusOrigin, message, errorMessage lipgloss.Style

	barName, bar, barCount, barActive lipgloss.Style
	overlayTitle                      lipgloss.Style

	relatedHeading, relatedDate, relatedExternal lipgloss.Style
	match, currentMatch                          lipgloss.Style
	hit                                          lipgloss.Style // a word a search found, in a snippet

	previewTitle lipgloss.Style

	plain bool // no colour: tags are text alone

	help    help.Styles
	glamour string // one of the Style constants of article.go
}

func newStyles(isDark, plain bool) uiStyles {
	c := lipgloss.LightDark(isDark)
	accent := c(lipgloss.Color("#8E44AD"), lipgloss.Color("#EE6FF8"))
	subtle := c(lipgloss.Color("#767676"), lipgloss.Color("#8A8A8A"))
	text := c(lipgloss.Color("#1A1A1A"), lipgloss.Color("#DDDDDD"))
	cursorBG := c(lipgloss.Color("#E4D2F0"), lipgloss.Color("#4B2F5A"))
	// The blurred cursor must still be seen on a 256-colour terminal,
	// where #333333 is all but black.
	blurredBG := c(lipgloss.Color("#DADADA"), lipgloss.Color("#444444"))
	statusBG := c(lipgloss.Color("#DDDADA"), lipgloss.Color("#303030"))
	green := c(lipgloss.Color("#2E8B57"), lipgloss.Color("#5FD787"))
	red := c(lipgloss.Color("#C0392B"), lipgloss.Color("#FF6B6B"))
	matchBG := c(lipgloss.Color("#F7DC6F"), lipgloss.Color("#7D6608"))

	s := uiStyles{
		heading:          lipgloss.NewStyle().Bold(true).Foreground(accent),
		date:             lipgloss.NewStyle().Foreground(subtle),
		title:            lipgloss.NewStyle().Foreground(text),
		readTitle:        lipgloss.NewStyle().Foreground(subtle),
		unread:           lipgloss.NewStyle().Foreground(accent),
		cursor:           lipgloss.NewStyle().Background(cursorBG).Bold(true),
		cursorBlurred:    lipgloss.NewStyle().Background(blurredBG),
		cursorBar:        lipgloss.NewStyle().Background(cursorBG).Foreground(accent).Bold(true),
		cursorBarBlurred: lipgloss.NewStyle().Background(blurredBG).Foreground(subtle),
		divider:          lipgloss.NewStyle().Foreground(c(lipgloss.Color("#CCCCCC"), lipgloss.Color("#444444"))),
		dividerFocus:     lipgloss.NewStyle().Foreground(accent),
		faint:            lipgloss.NewStyle().Foreground(subtle),
		empty:            lipgloss.NewStyle().Foreground(text).Padding(1, 2),

		status:       lipgloss.NewStyle().Background(statusBG).Foreground(text),
		statusOrigin: lipgloss.NewStyle().Background(statusBG).Foreground(green),
		message:      lipgloss.NewStyle().Foreground(text),
		errorMessage: lipgloss.NewStyle().Foreground(red),

		barName:      lipgloss.NewStyle().Foreground(text),
		bar:          lipgloss.NewStyle().Foreground(accent),
		barCount:     lipgloss.NewStyle().Foreground(subtle),
		barActive:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		overlayTitle: lipgloss.NewStyle().Bold(true).Foreground(accent).Padding(0, 0, 1, 0),

		relatedHeading:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		relatedDate:     lipgloss.NewStyle().Foreground(subtle),
		relatedExternal: lipgloss.NewStyle().Foreground(subtle),
		match:           lipgloss.NewStyle().Background(matchBG).Underline(true),
		currentMatch:    lipgloss.NewStyle().Reverse(true).Bold(true),
		hit:             lipgloss.NewStyle().Foreground(text).Background(matchBG).Bold(true),

		previewTitle: lipgloss.NewStyle().Bold(true).Foreground(text),

		help:    help.DefaultStyles(isDark),
		glamour: styleDark,
	}
	if !isDark {
		s.glamour = styleLight
	}
	s.plain = plain
	if plain {
		// Without colour the cursor row needs reverse video to be seen.
		s.cursor = lipgloss.NewStyle().Reverse(true)
		s.cursorBlurred = lipgloss.NewStyle().Underline(true)
		s.cursorBar = lipgloss.NewStyle().Reverse(true)
		s.cursorBarBlurred = lipgloss.NewStyle().Underline(true)
		s.glamour = stylePlain
		s.hit = lipgloss.NewStyle().Bold(true).Underline(true)
	}
	return s
}

// tagColours are the sources' colours in a list read together: apart from
// each other and from the accent, readable on dark and light.
var tagColours = []string{"#5FAFD7", "#D7875F", "#87AF5F", "#AF87D7", "#D7AF5F", "#5FAF87", "#D75F87"}

// tag is the style of the source tag with colour index i.
func (s uiStyles) tag(i int) lipgloss.Style {
	if s.plain {
		return lipgloss.NewStyle()
	}
	return lipgloss.NewStyle().Foreground(lipgloss.Color(tagColours[i%len(tagColours)]))
}
