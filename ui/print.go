package ui

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"nyss/feed"
)

// The plain output of the subcommands: text for people, --json for scripts.
// The JSON field names are part of the command-line contract in DESIGN.md.

// itemJSON is one item as `list --json` and `search --json` print it.
type itemJSON struct {
	ID        int64   `json:"id"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Published *string `json:"published"` // RFC 3339; null for an undated item
	Month     *string `json:"month"`     // YYYY-MM; null for an undated item
	Summary   string  `json:"summary"`
	Cached    bool    `json:"cached"`
	Read      bool    `json:"read"`
	Source    string  `json:"source"` // the URL of its source
}

// monthJSON is one month as `months --json` prints it: month is null for
// the undated items.
type monthJSON struct {
	Month *string `json:"month"`
	Count int     `json:"count"`
}

// printItems writes one line per item: ID, date, title. It serves both
// `list` and `search`.
func printItems(w io.Writer, items []feed.Item, asJSON bool) error {
	if asJSON {
		out := make([]itemJSON, len(items))
		for i, it := range items {
			out[i] = itemJSON{ID: it.ID, Title: it.Title, URL: it.URL, Month: monthValue(it.Month),
				Summary: it.Summary, Cached: it.Cached, Read: it.Read, Source: it.Source}
			if !it.Published.IsZero() {
				s := it.Published.Format(time.RFC3339)
				out[i].Published = &s
			}
		}
		return writeJSON(w, out)
	}
	hs := make([]feed.Headline, len(items))
	for i, it := range items {
		hs[i] = it.Headline
	}
	return printHeadlines(w, hs)
}

// monthValue is a month for JSON: null when undated.
func monthValue(m feed.Month) *string {
	if m == feed.Undated || m == "" {
		return nil
	}
	s := string(m)
	return &s
}

// printHeadlines writes one line per headline: ID, date, title, each
// column padded to its widest, so that dates and titles line up.
func printHeadlines(w io.Writer, hs []feed.Headline) error {
	// A day's date is formatted once: a long list has several headlines a
	// day, and formatting is most of the time it takes to print.
	byDay := map[int]string{}
	dates := make([]string, len(hs))
	width := 0
	for i, h := range hs {
		if h.Published.IsZero() {
			continue
		}
		y, m, d := h.Published.Local().Date()
		day := (y*13+int(m))*32 + d
		date, ok := byDay[day]
		if !ok {
			date = longDate(h.Published)
			byDay[day] = date
		}
		dates[i] = date
		width = max(width, utf8.RuneCountInString(date))
	}
	ids := make([]string, len(hs))
	idWidth := 0
	for i, h := range hs {
		ids[i] = strconv.FormatInt(h.ID, 10)
		idWidth = max(idWidth, len(ids[i]))
	}
	var b strings.Builder
	for i, h := range hs {
		b.WriteString(ids[i])
		b.WriteString(strings.Repeat(" ", idWidth-len(ids[i])+2))
		b.WriteString(dates[i])
		b.WriteString(strings.Repeat(" ", width-utf8.RuneCountInString(dates[i])+2))
		b.WriteString(h.Title)
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// printMonths writes each month with its count, newest first, the undated
// last.
func printMonths(w io.Writer, months []feed.MonthCount, asJSON bool, t text) error {
	if asJSON {
		out := make([]monthJSON, len(months))
		for i, m := range months {
			out[i] = monthJSON{monthValue(m.Month), m.Count}
		}
		return writeJSON(w, out)
	}
	var b strings.Builder
	for _, m := range months {
		fmt.Fprintf(&b, "%-7s  %-15s %4d\n", m.Month, monthHeading(m.Month, t), m.Count)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printSyncReport is the summary at the end of `nyss sync`: what came new,
// what changed, and every article that failed with its reason.
func printSyncReport(w io.Writer, rep *feed.Report, t text) error {
	var b strings.Builder
	name := rep.Source.Title
	if name == "" {
		name = rep.Source.URL
	}
	if rep.NotModified {
		fmt.Fprintf(&b, t.syncUnchanged+"\n", name)
	} else {
		c := rep.Items
		fmt.Fprintf(&b, t.syncCounts+"\n", name, c.New, c.Updated, c.Unchanged)
	}
	a := rep.Articles
	fmt.Fprintf(&b, t.syncArticles+"\n", a.Fetched, a.Unchanged, len(a.Failures))
	for _, f := range a.Failures {
		fmt.Fprintf(&b, t.syncFailure+"\n", f.URL, f.Reason)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
