package parse

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	local := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, time.Local)
	}
	// A Swedish form is Stockholm time, whatever the machine's zone.
	sthlm := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, Stockholm)
	}
	utc := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		// The feed standards.
		{"Tue, 14 Jun 2022 09:05:00 GMT", utc(2022, 6, 14, 9, 5)},           // RFC 1123
		{"Tue, 14 Jun 2022 11:05:00 +0200", utc(2022, 6, 14, 9, 5)},         // RFC 1123Z
		{"Tue, 14 Jun 2022 9:05:00 GMT", utc(2022, 6, 14, 9, 5)},            // single-digit hour
		{"Tue, 4 Jun 2022 09:05:00 GMT", utc(2022, 6, 4, 9, 5)},             // single-digit day
		{"Tue, 14 Jun 2022 05:05:00 EDT", utc(2022, 6, 14, 9, 5)},           // US zone name
		{"Tue, 14 Jun 2022 11:05:00 CEST", utc(2022, 6, 14, 9, 5)},          // Swedish summer time
		{"14 Jun 22 09:05 GMT", utc(2022, 6, 14, 9, 5)},                     // RFC 822
		{"14 Jun 22 11:05 +0200", utc(2022, 6, 14, 9, 5)},                   // RFC 822Z
		{"Tuesday, 14-Jun-22 09:05:00 UTC", utc(2022, 6, 14, 9, 5)},         // RFC 850
		{"2022-06-14T09:05:00Z", utc(2022, 6, 14, 9, 5)},                    // RFC 3339
		{"2022-06-14T11:05:00+02:00", utc(2022, 6, 14, 9, 5)},               // RFC 3339 with offset
		{"2022-06-14T09:05:00.250Z", utc(2022, 6, 14, 9, 5).Add(250 * 1e6)}, // with a fraction
		{"2022-06-14T09:05:00", local(2022, 6, 14, 9, 5)},                   // no zone: local
		{"  Tue, 14 Jun 2022 09:05:00 GMT\n", utc(2022, 6, 14, 9, 5)},       // surrounding space
		{"Tue,  14 Jun 2022   09:05:00 GMT", utc(2022, 6, 14, 9, 5)},        // doubled spaces
		{"2022-06-14", local(2022, 6, 14, 12, 0)},                           // date only: noon local
		{"2022-06-14 09:05", local(2022, 6, 14, 9, 5)},                      // ISO without zone
		{"2022-06-14 09:05:30", local(2022, 6, 14, 9, 5).Add(30 * time.Second)},

		// Swedish pages.
		{"14 juni 2022", sthlm(2022, 6, 14, 12, 0)},
		{"14 Juni 2022", sthlm(2022, 6, 14, 12, 0)},
		{"14 JUNI 2022", sthlm(2022, 6, 14, 12, 0)},
		{"4 juni 2022", sthlm(2022, 6, 4, 12, 0)},
		{"14 jun 2022 09:05", sthlm(2022, 6, 14, 9, 5)},
		{"14 jun. 2022", sthlm(2022, 6, 14, 12, 0)},
		{"14 juni 2022 kl. 09.05", sthlm(2022, 6, 14, 9, 5)},
		{"14 juni 2022 kl 9.05", sthlm(2022, 6, 14, 9, 5)},
		{"14 juni 2022, 09:05", sthlm(2022, 6, 14, 9, 5)},
		{"tisdag 14 juni 2022", sthlm(2022, 6, 14, 12, 0)},
		{"Tisdag 14 juni 2022", sthlm(2022, 6, 14, 12, 0)},
		{"tis 14 juni 2022", sthlm(2022, 6, 14, 12, 0)},
		{"måndag 13 juni 2022", sthlm(2022, 6, 13, 12, 0)},
		{"lördag 18 juni 2022", sthlm(2022, 6, 18, 12, 0)},
		{"söndag 19 juni 2022", sthlm(2022, 6, 19, 12, 0)},
		{"1 januari 2022", sthlm(2022, 1, 1, 12, 0)},
		{"1 februari 2022", sthlm(2022, 2, 1, 12, 0)},
		{"1 mars 2022", sthlm(2022, 3, 1, 12, 0)},
		{"1 april 2022", sthlm(2022, 4, 1, 12, 0)},
		{"1 maj 2022", sthlm(2022, 5, 1, 12, 0)},
		{"1 juli 2022", sthlm(2022, 7, 1, 12, 0)},
		{"1 augusti 2022", sthlm(2022, 8, 1, 12, 0)},
		{"1 september 2022", sthlm(2022, 9, 1, 12, 0)},
		{"1 oktober 2022", sthlm(2022, 10, 1, 12, 0)},
		{"1 november 2022", sthlm(2022, 11, 1, 12, 0)},
		{"1 december 2022", sthlm(2022, 12, 1, 12, 0)},
		{"1 jan 2022", sthlm(2022, 1, 1, 12, 0)},
		{"1 feb 2022", sthlm(2022, 2, 1, 12, 0)},
		{"1 mar 2022", sthlm(2022, 3, 1, 12, 0)},
		{"1 apr 2022", sthlm(2022, 4, 1, 12, 0)},
		{"1 jul 2022", sthlm(2022, 7, 1, 12, 0)},
		{"1 aug 2022", sthlm(2022, 8, 1, 12, 0)},
		{"1 sep 2022", sthlm(2022, 9, 1, 12, 0)},
		{"1 sept. 2022", sthlm(2022, 9, 1, 12, 0)},
		{"1 okt 2022", sthlm(2022, 10, 1, 12, 0)},
		{"1 nov 2022", sthlm(2022, 11, 1, 12, 0)},
		{"1 dec. 2022", sthlm(2022, 12, 1, 12, 0)},
		{"29 februari 2024", sthlm(2024, 2, 29, 12, 0)},
	}
	for _, tt := range tests {
		got, ok := Date(tt.in)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("Date(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

func TestDateRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"idag",
		"igår",
		"32 juni 2022",
		"29 februari 2023",
		"31 april 2022",
		"0 juni 2022",
		"14 juno 2022",
		"14 juni",
		"juni 2022",
		"14 juni 2022 kl. 25.00",
		"14 juni 0022",
		"2022-13-01",
		"2022-06-31",
		"Tue, 14 Jun 2022 25:05:00 GMT",
		"Relaterade nyheter",
	} {
		if got, ok := Date(in); ok {
			t.Errorf("Date(%q) = %v, want not a date", in, got)
		}
	}
}

func FuzzDate(f *testing.F) {
	for _, seed := range []string{
		"Tue, 14 Jun 2022 09:05:00 GMT", "2022-06-14T09:05:00Z", "14 juni 2022 kl. 09.05",
		"tisdag 14 juni 2022", "14 jun. 2022", "32 juni 2022", "", "idag", "99999-01-01",
		"Tue, 14 Jun 22 09:05 +0200", "igår kl. 13.00", "idag 08.15", "2022-06-14 09:05",
		"Mon, 02 Jan 2006 15:04:05 -07",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := Date(s)
		if ok && (got.Year() < 1900 || got.Year() > 2200) {
			t.Errorf("Date(%q) = %v: year out of range", s, got)
		}
		if !ok && !got.IsZero() {
			t.Errorf("Date(%q) = %v, false: want the zero time with false", s, got)
		}
		if !ok {
			return
		}
		// A date that was read can be written and read back as the same
		// instant: nothing half-parsed is passed on.
		again, ok := Date(got.Format(time.RFC3339Nano))
		if !ok || !again.Equal(got) {
			t.Errorf("Date(%q) = %v, which reads back as %v, %v", s, got, again, ok)
		}

		// The same holds for a Swedish site's reading.
		fetched := time.Date(2022, 6, 15, 6, 0, 0, 0, time.UTC)
		site, ok := SiteOf("sv", fetched).Date(s)
		if !ok {
			return
		}
		if again, ok := Date(site.Format(time.RFC3339Nano)); !ok || !again.Equal(site) {
			t.Errorf("Swedish site: Date(%q) = %v, which reads back as %v, %v", s, site, again, ok)
		}
	})
}
