package ui

import (
	"fmt"
	"time"
)

// Dates are shown as the regional site shows them, in Swedish, whatever
// language the rest of the interface speaks.

var monthNames = [...]string{"januari", "februari", "mars", "april", "maj", "juni",
	"juli", "augusti", "september", "oktober", "november", "december"}

var monthAbbr = [...]string{"jan", "feb", "mar", "apr", "maj", "jun",
	"jul", "aug", "sep", "okt", "nov", "dec"}

// LongDate is "14 juni 2022", in local time; "" for an undated item.
func LongDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	return fmt.Sprintf("%d %s %d", t.Day(), monthNames[t.Month()-1], t.Year())
}

// ShortDate is the headline list's date column: "idag", "igår", "14 jun",
// or "14 jun 2021" when the year is not the current one.
func ShortDate(t, now time.Time) string {
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

// MonthHeading turns "2022-06" into "juni 2022"; anything else is returned
// as it is.
func MonthHeading(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return fmt.Sprintf("%s %d", monthNames[t.Month()-1], t.Year())
}
