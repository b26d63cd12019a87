package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"nyss/feed"
	"nyss/feed/sanitize"
	"nyss/feed/sourcelist"
)

// defaultSources is the list with no file: the home feed alone.
var defaultSources = []sourcelist.Entry{{URL: feed.DefaultSource, Name: "Region Kronoberg"}}

// readSources is the list at path, or the default one when there is no
// file.
func readSources(path string) (list []sourcelist.Entry, exists bool, err error) {
	list, exists, err = sourcelist.Read(path)
	if err != nil || exists {
		return list, exists, err
	}
	return append([]sourcelist.Entry(nil), defaultSources...), false, nil
}

// Sources carries out `nyss sources` and its subcommands.
func (c cli) Sources(ctx context.Context, in *Invocation) error {
	sub, args := "", []string(nil)
	if len(in.Args) > 0 {
		sub, args = in.Args[0], in.Args[1:]
	}
	list, _, err := readSources(in.SourcesFile)
	if err != nil {
		return err
	}
	switch sub {
	case "add":
		return c.addSource(ctx, in.SourcesFile, list, args[0], in.Name)
	case "rm":
		return c.removeSource(in.SourcesFile, list, args[0], in.Purge)
	case "import":
		return c.importSources(in.SourcesFile, list, args[0])
	case "export":
		return sourcelist.WriteOPML(c.Out, list)
	}
	return c.printSources(list, in.JSON)
}

type sourceJSON struct {
	Name    string  `json:"name"`
	URL     string  `json:"url"`
	Items   int     `json:"items"`
	Unread  int     `json:"unread"`
	Fetched *string `json:"fetched"` // RFC 3339; null when never
	Error   *string `json:"error"`   // the last sync's failure; null when none
}

// printSources prints each source: name, items, unread, last fetch, URL,
// and under it why its last sync failed, if it did.
func (c cli) printSources(list []sourcelist.Entry, asJSON bool) error {
	out := make([]sourceJSON, len(list))
	for i, e := range list {
		st, err := c.Engine.SourceState(e.URL)
		if err != nil {
			return err
		}
		name := e.Name
		if name == "" {
			name = st.Title
		}
		out[i] = sourceJSON{Name: sanitize.Line(name), URL: sanitize.Line(e.URL), Items: st.Items, Unread: st.Unread}
		if !st.CheckedAt.IsZero() {
			s := st.CheckedAt.Format(time.RFC3339)
			out[i].Fetched = &s
		}
		if st.LastError != "" {
			out[i].Error = &st.LastError
		}
	}
	if asJSON {
		return writeJSON(c.Out, out)
	}
	t := c.t
	tw := tabwriter.NewWriter(c.Out, 0, 0, 2, ' ', 0)
	for _, s := range out {
		fetched := t.neverFetchedShort
		if s.Fetched != nil {
			at, _ := time.Parse(time.RFC3339, *s.Fetched)
			fetched = at.Local().Format("2006-01-02 15:04")
		}
		name := s.Name
		if name == "" {
			name = "–"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", name, fmt.Sprintf(t.sourceItems, s.Items), fmt.Sprintf(t.sourceUnread, s.Unread), fetched, s.URL)
		if s.Error != nil {
			fmt.Fprintf(tw, "\t%s\n", fmt.Sprintf(t.sourceError, *s.Error))
		}
	}
	return tw.Flush()
}

// addSource adds url to the list once it has read it as a source; the
// list is written only then.
func (c cli) addSource(ctx context.Context, path string, list []sourcelist.Entry, url, name string) error {
	url = strings.TrimSpace(url)
	if sanitize.URL(url) == "" {
		return fmt.Errorf(c.t.sourceNotWeb, sanitize.Line(url))
	}
	if i := sourcelist.Find(list, url); i >= 0 {
		return fmt.Errorf(c.t.sourceListed, url)
	}
	if name != "" && sourcelist.Find(list, name) >= 0 {
		return fmt.Errorf(c.t.sourceNameTaken, sanitize.Line(name))
	}
	if c.Engine.Client == nil {
		return errors.New(c.t.sourceAddNeedsNetwork)
	}
	title, err := c.Engine.Probe(ctx, url)
	if err != nil {
		return err
	}
	list = append(list, sourcelist.Entry{URL: url, Name: sanitize.Line(name)})
	if err := sourcelist.Write(path, list); err != nil {
		return err
	}
	if name == "" {
		name = title
	}
	fmt.Fprintf(c.Out, c.t.sourceAdded+"\n", sanitize.Line(name), url)
	return nil
}

// removeSource takes the source named ref off the list; with purge, the
// cache drops what it holds of it too.
func (c cli) removeSource(path string, list []sourcelist.Entry, ref string, purge bool) error {
	i := sourcelist.Find(list, ref)
	if i < 0 {
		return fmt.Errorf(c.t.sourceNotListed, sanitize.Line(ref))
	}
	gone := list[i]
	list = append(list[:i:i], list[i+1:]...)
	if err := sourcelist.Write(path, list); err != nil {
		return err
	}
	if purge {
		if err := c.Engine.Purge(gone.URL); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.Out, c.t.sourceRemoved+"\n", gone.URL)
	return nil
}

// importSources adds the feeds of an OPML file that the list does not
// have yet. A file that is not OPML changes nothing.
func (c cli) importSources(path string, list []sourcelist.Entry, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	found, err := sourcelist.ParseOPML(data)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	added := 0
	for _, e := range found {
		if sourcelist.Find(list, e.URL) >= 0 {
			continue
		}
		list = append(list, e)
		added++
	}
	if added > 0 {
		if err := sourcelist.Write(path, list); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.Out, c.t.sourcesImported+"\n", added, len(found)-added)
	return nil
}

// SyncList syncs every source of the list at once (the client keeps to
// its per-host limit), and prints a summary per source in list order. One
// failing source stops no other: each failure is a line on Err, and the
// sync fails only when no source came.
func (c cli) SyncList(ctx context.Context, path string) error {
	if c.Engine.Client == nil {
		return errors.New(c.t.syncNeedsNetwork)
	}
	list, _, err := readSources(path)
	if err != nil {
		return err
	}
	urls := make([]string, len(list))
	for i, e := range list {
		urls[i] = e.URL
	}
	came := 0
	var failed []string
	for i, r := range c.Engine.SyncAll(ctx, urls) {
		if r.Err != nil {
			name := list[i].Name
			if name == "" {
				name = list[i].URL
			}
			failed = append(failed, fmt.Sprintf("%s: %s", sanitize.Line(name), sanitize.Line(r.Err.Error())))
			continue
		}
		came++
		if list[i].Name != "" {
			r.Report.Source.Title = list[i].Name
		}
		if err := printSyncReport(c.Out, r.Report, c.t); err != nil {
			return err
		}
	}
	if came == 0 && len(failed) > 0 {
		// The caller prints the last line, as for any error.
		for _, f := range failed[:len(failed)-1] {
			fmt.Fprintf(c.Err, "nyss: %s\n", f)
		}
		return errors.New(failed[len(failed)-1])
	}
	for _, f := range failed {
		fmt.Fprintf(c.Err, "nyss: %s\n", f)
	}
	return nil
}

// chooseSources decides what list, months, search and mark read: the one
// source --feed (or NYSS_FEED, or --demo) names; the one --source names
// in the list; else every source of the list that the cache holds.
func (c *cli) chooseSources(in *Invocation) error {
	if in.Source == "" && in.OneSource {
		return nil // c.Source, as given
	}
	list, _, err := readSources(in.SourcesFile)
	if err != nil {
		return err
	}
	if in.Source != "" {
		i := sourcelist.Find(list, in.Source)
		switch {
		case i >= 0:
			c.Source = list[i].URL
		case sanitize.URL(in.Source) != "":
			c.Source = in.Source
		default:
			return fmt.Errorf(c.t.sourceNotListed, sanitize.Line(in.Source))
		}
		return nil
	}
	for _, e := range list {
		_, held, err := c.Engine.Source(e.URL)
		if err != nil {
			return err
		}
		if held {
			c.ReadAll = append(c.ReadAll, e.URL)
		}
	}
	return nil
}
