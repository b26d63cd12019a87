package ui

import (
	"fmt"
	"time"

	"nyss/feed"
)

// Dates are shown as the regional site shows them, in Swedish, whatever
// language the rest of the interface speaks, in the reader's time zone
// (time.Local, which is TZ): the zone the engine counts months in.

var monthNames = [...]string{"januari", "februari", "mars", "april", "maj", "juni",
	"juli", "augusti", "september", "oktober", "november", "december"}

var monthAbbr = [...]string{"jan", "feb", "mar", "apr", "maj", "jun",
	"jul", "aug", "sep", "okt", "nov", "dec"}

// longDate is "14 juni 2022"; "" for an undated item.
func longDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	return fmt.Sprintf("%d %s %d", t.Day(), monthNames[t.Month()-1], t.Year())
}

// shortDate is the headline list's date column: "idag", "igår", "14 jun",
// or "14 jun 2021" when the year is not the current one.
func shortDate(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t, now = t.Local(), now.Local()
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	switch day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local); {
	case day.Equal(today):
		return "idag"
	case day.Equal(today.AddDate(0, 0, -1)):
		return "igår"
	case t.Year() == now.Year():
		return fmt.Sprintf("%d %s", t.Day(), monthAbbr[t.Month()-1])
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthAbbr[t.Month()-1], t.Year())
}

// monthHeading is "juni 2022" for the month 2022-06, and the undated
// group's name in the interface's language for feed.Undated.
func monthHeading(m feed.Month, t text) string {
	if m == feed.Undated {
		return t.undated
	}
	at := m.Time()
	if at.IsZero() {
		return string(m)
	}
	return fmt.Sprintf("%s %d", monthNames[at.Month()-1], at.Year())
}
