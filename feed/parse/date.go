package parse

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	// The zone database is built in, so that Europe/Stockholm is known on
	// a server or in a container that has no /usr/share/zoneinfo.
	_ "time/tzdata"

	"nyss/feed/sanitize"
)

// Stockholm is the zone of Swedish sites: a time they write without a zone
// is a Swedish wall-clock time, whatever the machine's TZ.
var Stockholm = mustLoad("Europe/Stockholm")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked in: cannot happen
	}
	return loc
}

// Site is how one feed or page writes its dates: the zone of a time written
// without one, and when it was fetched, which "idag" and "igår" count from.
type Site struct {
	Loc     *time.Location // nil: time.Local, the machine's zone
	Fetched time.Time      // zero: now
}

// SiteOf is the site of a feed or page in language lang (an RSS
// <language>, an HTML lang): Swedish ones ("sv", "sv-SE") write Stockholm
// time; for others the machine's zone is the best guess there is.
func SiteOf(lang string, fetched time.Time) Site {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if lang == "sv" || strings.HasPrefix(lang, "sv-") || strings.HasPrefix(lang, "sv_") {
		return Site{Loc: Stockholm, Fetched: fetched}
	}
	return Site{Fetched: fetched}
}

func (site Site) loc() *time.Location {
	if site.Loc == nil {
		return time.Local
	}
	return site.Loc
}

// Date parses s as Site{}.Date does: a date of unknown language.
func Date(s string) (time.Time, bool) { return Site{}.Date(s) }

// Date parses the date forms feeds and Swedish pages use. ok=false when s is
// not a date: never the fetch time in its place.
//
// A form with a zone or an offset is that instant. A form without one is
// the site's wall-clock time, in site.Loc; a Swedish form ("14 juni 2022
// kl. 09.05", "igår kl. 13.00") is always Stockholm time, as only a Swedish
// site writes it. A form without a time is noon (dateOnlyHour).
func (site Site) Date(s string) (t time.Time, ok bool) {
	s = sanitize.Line(s)
	// No date form is longer than this; a paragraph is not worth trying.
	if s == "" || len(s) > 80 {
		return time.Time{}, false
	}
	t, ok = parseZoned(s)
	if !ok {
		// "1 jan 2022" is Swedish as well as English; a month written
		// in lower case is Swedish, as English capitalizes it.
		t, ok = parseSwedish(s, true)
	}
	if !ok {
		t, ok = parseLocal(s, site.loc())
	}
	if !ok {
		t, ok = parseSwedish(s, false)
	}
	if !ok {
		t, ok = parseRelative(s, site.Fetched)
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
	"Mon, 2 Jan 06 15:04 MST", // RFC 822 with the weekday, and no seconds
	"Mon, 2 Jan 06 15:04 -0700",
	"Mon,2 January 2006 15:04:05 MST", // no space after the comma, the month in full
	"Mon, 2 January 2006 15:04:05 MST",
	"Mon, 2 January 2006 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 MST",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Monday, 2-Jan-06 15:04:05 MST", // RFC 850
	"Mon Jan _2 15:04:05 MST 2006",  // ctime with a zone, as some servers write
	"Mon, 2 Jan 2006 15:04:05 -07",  // an offset in whole hours
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
}

// localLayouts have no zone and are read in the site's.
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

func parseZoned(s string) (time.Time, bool) {
	for _, layout := range zonedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return fixZone(t), true
		}
	}
	return time.Time{}, false
}

func parseLocal(s string, loc *time.Location) (time.Time, bool) {
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			if !strings.Contains(layout, "15") {
				t = time.Date(t.Year(), t.Month(), t.Day(), dateOnlyHour, 0, 0, 0, loc)
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// dateOnlyHour is the hour given to a date written without a time. A day
// at midnight in Stockholm is the evening before in UTC: a related article
// of "14 november" showed as 13 november on a machine in UTC. At noon, the
// day is the same from UTC-11 to UTC+12, and so is its month.
const dateOnlyHour = 12

// fixZone gives a known zone name its offset, whatever the local zone is.
func fixZone(t time.Time) time.Time {
	name, offset := t.Zone()
	hours, ok := zoneOffsets[name]
	if n, err := strconv.Atoi(name); err == nil && (name[0] == '+' || name[0] == '-') && len(name) == 3 {
		// "-07" in the place of a zone name is an offset in hours.
		hours, ok = float64(n), true
	}
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

// parseSwedish reads a Swedish date. With onlySwedish, it leaves alone a
// form English writes the same way ("1 Jan 2022", "14 November 2022").
func parseSwedish(s string, onlySwedish bool) (time.Time, bool) {
	m := swedishDate.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return time.Time{}, false
	}
	month, ok := swedishMonths[m[2]]
	if !ok {
		return time.Time{}, false
	}
	if onlySwedish && !strings.Contains(s, m[2]) && englishMonth(m[2]) {
		return time.Time{}, false
	}
	day, _ := strconv.Atoi(m[1])
	year, _ := strconv.Atoi(m[3])
	hour, minute := dateOnlyHour, 0
	if m[4] != "" {
		hour, _ = strconv.Atoi(m[4])
		minute, _ = strconv.Atoi(m[5])
		if hour > 23 || minute > 59 {
			return time.Time{}, false
		}
	}
	t := time.Date(year, month, day, hour, minute, 0, 0, Stockholm)
	// time.Date normalizes 32 juni to 2 juli; a date that moved was not a date.
	if t.Day() != day || t.Month() != month {
		return time.Time{}, false
	}
	return t, true
}

// relativeDate matches "idag 08.15", "i dag kl. 08:15" and "igår kl. 13.00".
// The bare word is not taken: "idag" alone is as often a word in a text as
// a date.
var relativeDate = regexp.MustCompile(`^(i ?dag|i ?går),?\s+(?:kl\.?\s*)?(\d{1,2})[.:](\d{2})$`)

// parseRelative reads a Swedish relative date, counting from the day the
// page was fetched, in Stockholm: a listing fetched at 00:30 on 15 June by
// a machine in UTC still says "igår" of 14 June.
func parseRelative(s string, fetched time.Time) (time.Time, bool) {
	m := relativeDate.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return time.Time{}, false
	}
	hour, _ := strconv.Atoi(m[2])
	minute, _ := strconv.Atoi(m[3])
	if hour > 23 || minute > 59 {
		return time.Time{}, false
	}
	if fetched.IsZero() {
		fetched = time.Now()
	}
	y, mo, d := fetched.In(Stockholm).Date()
	if strings.Contains(m[1], "går") {
		d--
	}
	return time.Date(y, mo, d, hour, minute, 0, 0, Stockholm), true
}

// englishMonth says whether a lower-case month name is also English.
func englishMonth(name string) bool {
	_, err := time.Parse("Jan", strings.ToUpper(name[:1])+name[1:])
	if err == nil {
		return true
	}
	_, err = time.Parse("January", strings.ToUpper(name[:1])+name[1:])
	return err == nil
}
