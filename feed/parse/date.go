package parse

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"nyss/feed/sanitize"
)

// Date parses the date forms feeds and Swedish pages use. ok=false when s is
// not a date.
//
// Forms without a zone are read in time.Local (the TZ: Europe/Stockholm for
// this feed); forms without a time are midnight local.
func Date(s string) (t time.Time, ok bool) {
	s = sanitize.Line(s)
	// No date form is longer than this; a paragraph is not worth trying.
	if s == "" || len(s) > 80 {
		return time.Time{}, false
	}
	t, ok = parseLayouts(s)
	if !ok {
		t, ok = parseSwedish(s)
	}
	if !ok || !saneYear(t) {
		return time.Time{}, false
	}
	return t, true
}

// saneYear rejects what parsed but cannot be a news date, such as year 0 or
// a five-digit year, so that callers can trust the result.
func saneYear(t time.Time) bool {
	return t.Year() >= 1900 && t.Year() <= 2200
}

// zonedLayouts carry their own offset or zone name. "2" and "15" accept one or
// two digits, so "9:05" and "4 Jun" parse as well as "09:05" and "04 Jun".
var zonedLayouts = []string{
	time.RFC3339Nano, // also accepts RFC 3339 without a fraction
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 06 15:04 MST", // RFC 822
	"2 Jan 06 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 MST",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Monday, 2-Jan-06 15:04:05 MST", // RFC 850
	"Mon Jan _2 15:04:05 MST 2006",  // ctime with a zone, as some servers write
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
}

// localLayouts have no zone and are read in time.Local.
var localLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"Mon, 2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 Jan 2006",
	"Jan 2, 2006",
}

// zoneOffsets are the zone names feeds write, in hours east of UTC. time.Parse
// knows only the names of time.Local and would read any other, "EST" or
// "CEST" on a machine outside Europe, as UTC. The ambiguous CST and BST take
// their North American and British readings, the common ones in feeds.
var zoneOffsets = map[string]float64{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"WEST": 1, "BST": 1, "CET": 1, "MET": 1,
	"CEST": 2, "MEST": 2, "EET": 2, "EEST": 3,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
	"MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

func parseLayouts(s string) (time.Time, bool) {
	for _, layout := range zonedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return fixZone(t), true
		}
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// fixZone gives a known zone name its offset, whatever the local zone is.
func fixZone(t time.Time) time.Time {
	name, offset := t.Zone()
	hours, ok := zoneOffsets[name]
	if !ok || int(hours*3600) == offset {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(),
		time.FixedZone(name, int(hours*3600)))
}

// swedishMonths maps every spelling of a month Swedish pages use, full and
// abbreviated, to its number.
var swedishMonths = map[string]time.Month{
	"januari": 1, "jan": 1,
	"februari": 2, "feb": 2, "febr": 2,
	"mars": 3, "mar": 3,
	"april": 4, "apr": 4,
	"maj":  5,
	"juni": 6, "jun": 6,
	"juli": 7, "jul": 7,
	"augusti": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// swedishDate matches "14 juni 2022", "14 jun. 2022 09:05" and
// "14 juni 2022 kl. 09.05", after an optional weekday ("tisdag", "tis").
var swedishDate = regexp.MustCompile(`^(?:(?:mån|tis|ons|tors|tor|fre|lör|sön)(?:dag)?\.?,?\s+)?` +
	`(\d{1,2})\s+(\p{L}+)\.?\s+(\d{4})` +
	`(?:,?\s+(?:kl\.?\s*)?(\d{1,2})[.:](\d{2}))?$`)

func parseSwedish(s string) (time.Time, bool) {
	m := swedishDate.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return time.Time{}, false
	}
	month, ok := swedishMonths[m[2]]
	if !ok {
		return time.Time{}, false
	}
	day, _ := strconv.Atoi(m[1])
	year, _ := strconv.Atoi(m[3])
	hour, minute := 0, 0
	if m[4] != "" {
		hour, _ = strconv.Atoi(m[4])
		minute, _ = strconv.Atoi(m[5])
		if hour > 23 || minute > 59 {
			return time.Time{}, false
		}
	}
	t := time.Date(year, month, day, hour, minute, 0, 0, time.Local)
	// time.Date normalizes 32 juni to 2 juli; a date that moved was not a date.
	if t.Day() != day || t.Month() != month {
		return time.Time{}, false
	}
	return t, true
}
