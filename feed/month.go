package feed

import (
	"fmt"
	"time"
)

// Month is a calendar month in the reader's time zone, "2022-06". The
// zero Month is no month at all (no filter); Undated is the group of the
// items that have no date, which belong to no month.
//
// A month is computed when read, never stored: an item published 31 May
// 23:30 UTC is June news in Stockholm and May news in UTC, and a cache
// synced in one zone reads right in another.
type Month string

// Undated names the items with no date, as `list --month undated` does.
const Undated Month = "undated"

// ParseMonth reads "YYYY-MM" or "undated".
func ParseMonth(s string) (Month, error) {
	if s == string(Undated) {
		return Undated, nil
	}
	t, err := time.Parse("2006-01", s)
	if err != nil || t.Format("2006-01") != s {
		return "", fmt.Errorf("a month is YYYY-MM or %q, not %q", Undated, s)
	}
	return Month(s), nil
}

func monthOf(y int, m time.Month) Month {
	return Month(fmt.Sprintf("%04d-%02d", y, int(m)))
}

// start is the first instant of the month in loc; ok is false for the zero
// Month and Undated.
func (m Month) start(loc *time.Location) (time.Time, bool) {
	if m == "" || m == Undated {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01", string(m), loc)
	return t, err == nil
}

// span is the month as a half-open range of instants [from, to): a local
// month is a range of UTC times, which the cache can scan by index.
func (m Month) span(loc *time.Location) (from, to time.Time, ok bool) {
	from, ok = m.start(loc)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	return from, from.AddDate(0, 1, 0), true
}

// Time is the month's first day, in UTC, for formatting: the zero time for
// the zero Month and Undated.
func (m Month) Time() time.Time {
	t, _ := m.start(time.UTC)
	return t
}

// monthCache computes the months of many times without formatting each:
// a list of 10,000 headlines has a few dozen months.
type monthCache struct {
	loc    *time.Location
	months map[int]Month
}

func newMonthCache(loc *time.Location) *monthCache {
	return &monthCache{loc: loc, months: map[int]Month{}}
}

func (c *monthCache) of(t time.Time) Month {
	if t.IsZero() {
		return Undated
	}
	y, mon, _ := t.In(c.loc).Date()
	k := y*12 + int(mon)
	m, ok := c.months[k]
	if !ok {
		m = monthOf(y, mon)
		c.months[k] = m
	}
	return m
}
