package ui

import "fmt"

// listText is the headline list's words for read state, the confirmation
// before marking, search hits and the marks' legend, kept apart from text
// so that the list's strings are in one place.
type listText struct {
	keyToggleRead, keyMarkShown, keyUnreadOnly string

	unreadCount   func(n int) string // "1 oläst", "2 olästa"
	unreadOnlyTag string             // in the status bar while only unread show
	markedRead    string
	markedUnread  string
	confirmMark   string // "Markera %d visade som lästa? (j/n)"
	markedShown   string // "%d markerade som lästa"
	nothingUnread string
	showUnread    string
	showAll       string
	saveFailed    string // "kunde inte spara läsläget: %s"
	yes           string // the letters that mean yes, besides y
}

var listSwedish = listText{
	keyToggleRead: "läst/oläst",
	keyMarkShown:  "markera visade som lästa",
	keyUnreadOnly: "bara olästa",
	unreadCount:   func(n int) string { return plural(n, "%d oläst", "%d olästa") },
	unreadOnlyTag: "bara olästa",
	markedRead:    "markerad som läst",
	markedUnread:  "markerad som oläst",
	confirmMark:   "Markera %d visade som lästa? (j/n)",
	markedShown:   "%d markerade som lästa",
	nothingUnread: "inget oläst bland de visade",
	showUnread:    "visar bara olästa",
	showAll:       "visar alla, lästa också",
	saveFailed:    "kunde inte spara läsläget: %s",
	yes:           "jJ",
}

var listEnglish = listText{
	keyToggleRead: "read/unread",
	keyMarkShown:  "mark shown as read",
	keyUnreadOnly: "unread only",
	unreadCount:   func(n int) string { return fmt.Sprintf("%d unread", n) },
	unreadOnlyTag: "unread only",
	markedRead:    "marked read",
	markedUnread:  "marked unread",
	confirmMark:   "Mark %d shown as read? (y/n)",
	markedShown:   "%d marked read",
	nothingUnread: "nothing unread among those shown",
	showUnread:    "showing unread only",
	showAll:       "showing all, read too",
	saveFailed:    "could not save the read state: %s",
	yes:           "",
}
