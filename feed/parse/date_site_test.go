package parse

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// The dates of issue 8, each at its exact instant. A time written without
// a zone on a Swedish site is Stockholm time, whatever the machine's TZ:
// 09:05 in June is 07:05 UTC.
func TestSwedishSiteDatesWhateverTheMachinesZone(t *testing.T) {
	// 08:00 on 15 June in Stockholm: the fetch that "idag" and "igår"
	// count from.
	fetched := time.Date(2022, 6, 15, 6, 0, 0, 0, time.UTC)
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2022, mo, d, h, m, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		lang string
		want time.Time
	}{
		{"Tue, 14 Jun 22 09:05 +0200", "", utc(6, 14, 7, 5)}, // RFC 822: two-digit year, no seconds
		{"14 Jun 22 09:05 +0200", "", utc(6, 14, 7, 5)},
		{"tisdag 14 juni 2022 kl. 09.05", "", utc(6, 14, 7, 5)},
		{"14 juni 2022 09:05", "", utc(6, 14, 7, 5)},
		{"14 jan 2022 09:05", "", time.Date(2022, 1, 14, 8, 5, 0, 0, time.UTC)}, // winter: CET
		{"2022-06-14 09:05", "sv", utc(6, 14, 7, 5)},
		{"2022-06-14 09:05", "sv-SE", utc(6, 14, 7, 5)},
		{"2022-06-14T09:05:00", "sv", utc(6, 14, 7, 5)},
		{"igår kl. 13.00", "", utc(6, 14, 11, 0)},
		{"Igår 13:00", "", utc(6, 14, 11, 0)},
		{"idag 08.15", "", utc(6, 15, 6, 15)},
		{"i dag kl. 8.15", "", utc(6, 15, 6, 15)},
	}
	for _, zone := range []string{"UTC", "America/New_York", "Asia/Tokyo", "Europe/Stockholm"} {
		withLocal(t, zone, func() {
			for _, tt := range tests {
				got, ok := SiteOf(tt.lang, fetched).Date(tt.in)
				if !ok || !got.Equal(tt.want) {
					t.Errorf("TZ=%s, language %q: Date(%q) = %v, %v; want %v", zone, tt.lang, tt.in, got.UTC(), ok, tt.want)
				}
			}
		})
	}
}

// "igår" is the day before the fetch in Stockholm, not in the machine's
// zone: at 23:30 UTC on 14 June it is already 15 June in Stockholm.
func TestRelativeDatesCountInStockholm(t *testing.T) {
	fetched := time.Date(2022, 6, 14, 23, 30, 0, 0, time.UTC)
	withLocal(t, "UTC", func() {
		got, ok := SiteOf("", fetched).Date("igår kl. 13.00")
		if want := time.Date(2022, 6, 14, 11, 0, 0, 0, time.UTC); !ok || !got.Equal(want) {
			t.Errorf("igår kl. 13.00 = %v, %v; want %v", got.UTC(), ok, want)
		}
	})
}

// A time without a zone on a site in another language is the machine's
// local time: nyss has nothing better to go by.
func TestOtherSitesWallClockIsTheMachines(t *testing.T) {
	withLocal(t, "America/New_York", func() {
		got, ok := SiteOf("en-US", time.Time{}).Date("2022-06-14 09:05")
		if want := time.Date(2022, 6, 14, 13, 5, 0, 0, time.UTC); !ok || !got.Equal(want) {
			t.Errorf("= %v, %v; want %v", got.UTC(), ok, want)
		}
	})
}

func TestNotADateIsNoDate(t *testing.T) {
	site := SiteOf("sv", time.Date(2022, 6, 15, 6, 0, 0, 0, time.UTC))
	for _, in := range []string{"idag", "igår", "idag 25.00", "igår kl. 13.60", "i morgon kl. 10.00", "Relaterade nyheter", "kl. 09.05", "14 juni"} {
		if got, ok := site.Date(in); ok || !got.IsZero() {
			t.Errorf("Date(%q) = %v, %v; want no date (never the fetch time)", in, got, ok)
		}
	}
}

// Every date layout gofeed knows (testdata/gofeed-layouts.txt, made from
// its source), read through a whole feed as sync reads one: in a Swedish
// feed, the layouts without a zone are Stockholm wall-clock times.
func TestEveryGofeedLayoutThroughAFeed(t *testing.T) {
	// Strings whose meaning gofeed's layouts cannot tell apart from
	// another layout's: the same text is day-first in one layout and
	// month-first in another, and a number after the time is read as text.
	ambiguous := map[string]string{
		"1/2/2006":                      "day-first as well as month-first: gofeed, and nyss, read 1 February",
		"01/02/2006":                    "day-first as well as month-first: gofeed, and nyss, read 1 February",
		"01-02-2006":                    "day-first as well as month-first: gofeed, and nyss, read 1 February",
		"01/02/2006 - 15:04":            "day-first as well as month-first: gofeed, and nyss, read 1 February",
		"Mon, Jan 2 2006 15:04:05 -700": "gofeed's layout takes -700 as text, so it is read as a time with no zone",
		"6/1/2 15:04":                   "year 6: no news date; nyss reads no date",
		"6-1-2 15:04":                   "year 6: no news date; nyss reads no date",
		"Mon, 2 Jan 15:04:05 MST":       "no year: year 0 is no news date; nyss reads no date",
	}
	type row struct{ in, want, kind string }
	var rows []row
	f, err := os.Open("testdata/gofeed-layouts.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			p := strings.Split(line, "\t")
			rows = append(rows, row{p[0], p[1], p[2]})
		}
	}
	var items strings.Builder
	for i, r := range rows {
		fmt.Fprintf(&items, "<item><guid>%d</guid><title>t</title><pubDate>%s</pubDate></item>", i, r.in)
	}
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><language>sv</language>` + items.String() + `</channel></rss>`
	withLocal(t, "America/New_York", func() {
		fd, err := ParseFeedAt([]byte(body), "application/rss+xml", "https://example.org/", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			var want time.Time
			if r.kind == "wall" {
				want, _ = time.ParseInLocation("2006-01-02T15:04:05.999999999", r.want, Stockholm)
			} else {
				want, _ = time.Parse(time.RFC3339Nano, r.want)
			}
			got := fd.Items[i].Published
			if why, skip := ambiguous[r.in]; skip {
				t.Logf("%q: %s", r.in, why)
				continue
			}
			if !got.Equal(want) {
				t.Errorf("%q (%s) = %v, want %v", r.in, r.kind, got, want)
			}
		}
	})
}

// withLocal runs f with the machine's zone set to name. No test here runs
// in parallel, so nothing else reads time.Local meanwhile.
func withLocal(t *testing.T, name string, f func()) {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = loc
	defer func() { time.Local = old }()
	f()
}

// A date written without a time names a day, and shows as that day
// wherever the reader is: a related article of "14 november" read in UTC
// showed as 13 november when the day began at midnight in Stockholm.
func TestADateAloneIsTheSameDayInEveryZone(t *testing.T) {
	site := SiteOf("sv", time.Time{})
	for _, in := range []string{"2022-11-14", "14 november 2022", "14 nov. 2022"} {
		got, ok := site.Date(in)
		if !ok {
			t.Fatalf("Date(%q) read no date", in)
		}
		for _, zone := range []string{"UTC", "Europe/Stockholm", "America/Los_Angeles", "Asia/Tokyo"} {
			if y, m, d := got.In(mustLoad(zone)).Date(); y != 2022 || m != 11 || d != 14 {
				t.Errorf("Date(%q) in %s is %d-%02d-%02d", in, zone, y, m, d)
			}
		}
	}
}
