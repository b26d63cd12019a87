package ui

import (
	"fmt"
	"strings"
	"time"

	"nyss/feed"
)

// text is every string the reader shows that is not a date or feed content,
// in one language. Dates stay Swedish whatever the language (dates.go), and
// so does "Relaterade nyheter", the site's own heading.
type text struct {
	shown            string // "%d av %d"
	allMonths        string
	undated          string
	fetchedAt        string // "hämtad %s"
	nothingNew       string // "kontrollerad %s · inget nytt"
	checkedAt        string // "kontrollerad %s"
	unchangedChecked string // "oförändrad, kontrollerad %s"
	newAbove         string // "%d nya ↑"
	unchangedAt      string // "oförändrad sedan %s"
	offlineCache     string // "offline — cache från %s"
	cacheFrom        string // "cache från %s"
	noCache          string
	syncingFeed      string
	syncingItems     string // "hämtar %d/%d"
	syncFailed       string // "kunde inte hämta: %s"
	failedCount      string // "%d artiklar gick inte att hämta"

	emptyOffline string // "Inget är sparat för %s ännu…"
	emptySyncing string // "Hämtar nyheterna från %s …"
	emptyFailed  string // "%s kunde inte hämtas: %s …"
	emptyFeed    string // the feed was fetched and had nothing
	noMatch      string
	loading      string

	readWhole string

	filterPrompt string
	searchPrompt string
	matchOf      string // "träff %d av %d · n/N"
	noMatches    string // "inga träffar för %q"

	fetchingArticle string
	notePending     string

	allSources                                                            string // "Alla källor": the sources of the list together
	sourcesTitle, sourcesCounts, sourcesFailedAt, sourcesHint, keySources string
	oneSource                                                             string
	sourcesFailed                                                         string // "%d av källorna kunde inte hämtas: %s"

	// nyss sources
	neverFetchedShort, sourceItems, sourceUnread, sourceError          string
	sourceNotWeb, sourceListed, sourceNameTaken, sourceAddNeedsNetwork string
	sourceAdded, sourceNotListed, sourceRemoved, sourcesImported       string
	imageWord                                                          string // "Bild", before an image's alt text
	linksHeading                                                       string // "Länkar"
	awayFromList                                                       string // "%s är inte med bland rubrikerna som visas"
	noteOffline                                                        string
	noteFailed                                                         string // "artikeln kunde inte hämtas (%s): det här är flödets sammanfattning"

	opening        string // "öppnar %s"
	noBrowser      string // "kan inte öppna webbläsaren (%s): %s"
	noOpener       string // "%s saknas, så länken öppnas inte: %s"
	noLink         string // "det finns ingen länk %d"
	linkPending    string // "länk %s…"
	noURL          string
	copied         string // "länken är kopierad: %s"
	demoNoWeb      string // the demo's pages exist only inside nyss
	noRelated      string
	notCached      string // "%s är inte sparad: öppnar den i webbläsaren"
	noOlder        string
	noNewer        string
	noMonths       string
	offlineNoop    string
	syncBusy       string
	monthsTitle    string
	monthsHint     string
	helpTitle      string
	helpClose      string
	helpScroll     string
	legendUnread   string
	legendSaved    string
	legendNotSaved string
	minutesAgo     func(n int) string
	hoursAgo       func(n int) string
	daysAgo        func(n int) string
	justNow        string
	neverFetched   string

	// What each key does, for the help generated from the keymap.
	keyUp, keyDown, keyTop, keyBottom, keyPageUp, keyPageDown string
	keyOpen, keyBack, keyTab, keyLinks, keyBrowser            string
	keyPrevMonth, keyNextMonth, keyMonths, keyFilter          string
	keyNextMatch, keyPrevMatch                                string
	keyRefresh, keyHelp, keyQuit, keyAccept, keyCancel        string
	keyCopy, keySuspend                                       string
	keyNextArticle, keyPrevArticle                            string
	noNextArticle, noPrevArticle, noMoreUnread                string

	// The commands' own lines (ui/cli.go).
	markedRead, markedUnread func(n int) string // what nyss mark --all changed
	syncCounts               string             // "%s: %d nya, %d ändrade, %d oförändrade"
	syncUnchanged            string             // "%s: flödet oförändrat sedan förra hämtningen"
	syncArticles             string             // "artiklar: %d hämtade, %d oförändrade, %d misslyckades"
	syncFailure              string             // "  misslyckades: %s: %s"
	stageFeed, stageArticles string             // a sync's progress: "artiklar 12/40"
	syncNeedsNetwork         string
	showingSummary           string // "%s; visar flödets sammanfattning"
	notCachedSource          string // "inget är sparat för %s ännu: kör nyss sync först"
	cacheHolds               string // "; cachen har bara %s (--feed URL läser en av dem)"
	notInCacheOf             string // "%s finns inte i cachen för %s (se nyss list)"
	notInCache               string // "%s finns inte i cachen (se nyss list)"
	cacheDamaged             string // "cachen %s är skadad (%s): kör …"
	cacheFull                string // "kan inte skriva cachen %s: disken är full"
	cacheNotWritable         string // "kan inte skriva cachen %s: %s"
	movedAside               string // "flyttade undan cachen till %s; börjar på en ny"

	// list is the headline list's read state, search and marks.
	list listText
}

var swedish = text{
	shown:            "%d av %d",
	allMonths:        "alla månader",
	undated:          "utan datum",
	fetchedAt:        "hämtad %s",
	nothingNew:       "kontrollerad %s · inget nytt",
	checkedAt:        "kontrollerad %s",
	unchangedChecked: "oförändrad, kontrollerad %s",
	newAbove:         "%d nya ↑",
	unchangedAt:      "oförändrad sedan %s",
	offlineCache:     "offline — cache från %s",
	cacheFrom:        "cache från %s",
	noCache:          "tom cache",
	syncingFeed:      "hämtar flödet",
	syncingItems:     "hämtar %d/%d",
	syncFailed:       "kunde inte hämta: %s",
	failedCount:      "%d artiklar gick inte att hämta",

	emptyOffline: "Inget är sparat för %s ännu, och nyss är offline.\n\nStarta nyss utan --offline, eller kör nyss sync när du har nätverk.",
	emptySyncing: "Hämtar nyheterna från %s …",
	emptyFailed:  "Nyheterna från %s kunde inte hämtas:\n%s\n\nInget är sparat ännu. Tryck r för att försöka igen.",
	emptyFeed:    "Flödet har inga nyheter just nu.",
	noMatch:      "Inga rubriker matchar. esc rensar filtren.",
	loading:      "Läser cachen …",

	readWhole: "enter: läs hela artikeln",

	filterPrompt: "filter: ",
	searchPrompt: "sök: ",
	matchOf:      "träff %d av %d · n/N",
	noMatches:    "inga träffar för %q",

	fetchingArticle: "hämtar artikeln …",
	notePending:     "hela artikeln är på väg; det här är flödets sammanfattning",

	allSources:            "Alla källor",
	sourcesTitle:          "Källor",
	sourcesCounts:         "%d olästa av %d",
	sourcesFailedAt:       "fel: %s",
	sourcesHint:           "enter visar bara den · esc stänger",
	keySources:            "källor",
	oneSource:             "bara en källa: %s (nyss sources add lägger till fler)",
	sourcesFailed:         "%d av källorna kunde inte hämtas: %s",
	neverFetchedShort:     "aldrig hämtad",
	sourceItems:           "%d rubriker",
	sourceUnread:          "%d olästa",
	sourceError:           "fel vid senaste hämtningen: %s",
	sourceNotWeb:          "%s är ingen http- eller https-adress",
	sourceListed:          "%s finns redan i listan",
	sourceNameTaken:       "namnet %q används redan",
	sourceAddNeedsNetwork: "att lägga till en källa kräver nätet: den läses först",
	sourceAdded:           "lade till %s (%s)",
	sourceNotListed:       "ingen källa i listan heter %s (se nyss sources)",
	sourceRemoved:         "tog bort %s ur listan",
	sourcesImported:       "lade till %d källor (%d fanns redan)",
	imageWord:             "Bild",
	linksHeading:          "Länkar",
	awayFromList:          "till höger, utanför filtret: %s",
	noteOffline:           "offline: artikeln är inte sparad, det här är flödets sammanfattning",
	noteFailed:            "artikeln kunde inte hämtas (%s), det här är flödets sammanfattning",

	opening:        "öppnar %s",
	noBrowser:      "kan inte öppna webbläsaren (%s): %s",
	noOpener:       "%s saknas, så ingen webbläsare kan öppnas: %s",
	noLink:         "det finns ingen länk %d",
	linkPending:    "länk %s …",
	noURL:          "rubriken har ingen länk",
	copied:         "länken är kopierad: %s",
	demoNoWeb:      "demon har ingen webbsida: dess sidor finns bara inne i nyss",
	noRelated:      "artikeln har inga relaterade nyheter",
	notCached:      "%s finns inte i cachen: öppnar den i webbläsaren",
	noOlder:        "ingen äldre månad har nyheter",
	noNewer:        "ingen nyare månad har nyheter",
	noMonths:       "inga daterade nyheter",
	offlineNoop:    "offline: ingen uppdatering",
	syncBusy:       "hämtar redan",
	monthsTitle:    "Månader",
	monthsHint:     "enter filtrerar · esc stänger",
	helpTitle:      "Tangenter",
	helpClose:      "q eller esc stänger",
	helpScroll:     "↑/↓ rullar",
	legendUnread:   "oläst",
	legendSaved:    "hela artikeln sparad (offline)",
	legendNotSaved: "utan ✓: bara sammanfattningen",
	minutesAgo:     func(n int) string { return plural(n, "%d minut sedan", "%d minuter sedan") },
	hoursAgo:       func(n int) string { return plural(n, "%d timme sedan", "%d timmar sedan") },
	daysAgo:        func(n int) string { return plural(n, "%d dag sedan", "%d dagar sedan") },
	justNow:        "nyss",
	neverFetched:   "aldrig hämtad",

	keyUp:          "upp",
	keyDown:        "ned",
	keyTop:         "början",
	keyBottom:      "slutet",
	keyPageUp:      "sida upp",
	keyPageDown:    "sida ned",
	keyOpen:        "öppna",
	keyBack:        "tillbaka / rensa filter",
	keyPrevMonth:   "äldre månad",
	keyNextMonth:   "nyare månad",
	keyMonths:      "månader",
	keyFilter:      "filter / sök",
	keyNextMatch:   "nästa träff",
	keyPrevMatch:   "förra träffen",
	keyLinks:       "öppna länk n",
	keyTab:         "artikel ⇄ relaterade",
	keyBrowser:     "öppna i webbläsaren",
	keyRefresh:     "uppdatera",
	keyHelp:        "hjälp",
	keyQuit:        "avsluta",
	keyCopy:        "kopiera länken",
	keyNextArticle: "nästa artikel",
	keyPrevArticle: "förra artikeln",
	noNextArticle:  "det här är den sista artikeln i listan",
	noPrevArticle:  "det här är den första artikeln i listan",
	noMoreUnread:   "inga fler olästa artiklar",
	keySuspend:     "pausa (fg tar tillbaka)",
	keyAccept:      "klar",
	keyCancel:      "avbryt",

	markedRead: func(n int) string { return plural(n, "%d nyhet markerad som läst", "%d nyheter markerade som lästa") },
	markedUnread: func(n int) string {
		return plural(n, "%d nyhet markerad som oläst", "%d nyheter markerade som olästa")
	},
	syncCounts:       "%s: %d nya, %d ändrade, %d oförändrade",
	syncUnchanged:    "%s: flödet oförändrat sedan förra hämtningen",
	syncArticles:     "artiklar: %d hämtade, %d oförändrade, %d misslyckades",
	syncFailure:      "  misslyckades: %s: %s",
	stageFeed:        "flödet",
	stageArticles:    "artiklar",
	syncNeedsNetwork: "sync behöver nätverket, och --offline angavs",
	showingSummary:   "%s; visar flödets sammanfattning",
	notCachedSource:  "inget är sparat för %s ännu: kör nyss sync först",
	cacheHolds:       "; cachen har bara %s (--feed URL läser en av dem)",
	notInCacheOf:     "%s finns inte i cachen för %s (se nyss list)",
	notInCache:       "%s finns inte i cachen (se nyss list)",
	cacheDamaged:     `cachen %s är skadad (%s): kör "nyss sync --rebuild" för att flytta undan den och börja på en ny`,
	cacheFull:        "kan inte skriva cachen %s: disken är full",
	cacheNotWritable: "kan inte skriva cachen %s: %s",
	movedAside:       "flyttade undan cachen till %s; börjar på en ny",

	list: listSwedish,
}

var english = text{
	shown:            "%d of %d",
	allMonths:        "all months",
	undated:          "undated",
	fetchedAt:        "fetched %s",
	nothingNew:       "checked %s · nothing new",
	checkedAt:        "checked %s",
	unchangedChecked: "unchanged, checked %s",
	newAbove:         "%d new ↑",
	unchangedAt:      "unchanged since %s",
	offlineCache:     "offline — cache from %s",
	cacheFrom:        "cache from %s",
	noCache:          "empty cache",
	syncingFeed:      "fetching the feed",
	syncingItems:     "fetching %d/%d",
	syncFailed:       "could not fetch: %s",
	failedCount:      "%d articles could not be fetched",

	emptyOffline: "Nothing is cached for %s yet, and nyss is offline.\n\nStart nyss without --offline, or run nyss sync when you have a network.",
	emptySyncing: "Fetching the news from %s …",
	emptyFailed:  "The news from %s could not be fetched:\n%s\n\nNothing is cached yet. Press r to try again.",
	emptyFeed:    "The feed has no news right now.",
	noMatch:      "No headline matches. esc clears the filters.",
	loading:      "Reading the cache …",

	readWhole: "enter: read the whole article",

	filterPrompt: "filter: ",
	searchPrompt: "search: ",
	matchOf:      "match %d of %d · n/N",
	noMatches:    "no matches for %q",

	fetchingArticle: "fetching the article …",
	notePending:     "the whole article is on its way; this is the feed's summary",

	allSources:            "All sources",
	sourcesTitle:          "Sources",
	sourcesCounts:         "%d unread of %d",
	sourcesFailedAt:       "failed: %s",
	sourcesHint:           "enter shows that one alone · esc closes",
	keySources:            "sources",
	oneSource:             "one source only: %s (nyss sources add adds more)",
	sourcesFailed:         "%d of the sources could not be fetched: %s",
	neverFetchedShort:     "never fetched",
	sourceItems:           "%d items",
	sourceUnread:          "%d unread",
	sourceError:           "the last sync failed: %s",
	sourceNotWeb:          "%s is not an http or https address",
	sourceListed:          "%s is in the list already",
	sourceNameTaken:       "the name %q is taken",
	sourceAddNeedsNetwork: "adding a source needs the network: it is read first",
	sourceAdded:           "added %s (%s)",
	sourceNotListed:       "no source in the list is called %s (see nyss sources)",
	sourceRemoved:         "removed %s from the list",
	sourcesImported:       "added %d sources (%d were there already)",
	imageWord:             "Image",
	linksHeading:          "Links",
	awayFromList:          "on the right, outside the filter: %s",
	noteOffline:           "offline: the article is not cached, this is the feed's summary",
	noteFailed:            "the article could not be fetched (%s), this is the feed's summary",

	opening:        "opening %s",
	noBrowser:      "cannot open a browser (%s): %s",
	noOpener:       "%s is missing, so no browser can be opened: %s",
	noLink:         "there is no link %d",
	linkPending:    "link %s …",
	noURL:          "the headline has no link",
	copied:         "link copied: %s",
	demoNoWeb:      "the demo has no web page: its pages exist only inside nyss",
	noRelated:      "the article has no related news",
	notCached:      "%s is not in the cache: opening it in the browser",
	noOlder:        "no older month has news",
	noNewer:        "no newer month has news",
	noMonths:       "no dated news",
	offlineNoop:    "offline: nothing to refresh",
	syncBusy:       "already fetching",
	monthsTitle:    "Months",
	monthsHint:     "enter filters · esc closes",
	helpTitle:      "Keys",
	helpClose:      "q or esc closes",
	helpScroll:     "↑/↓ scrolls",
	legendUnread:   "unread",
	legendSaved:    "whole article saved (offline)",
	legendNotSaved: "no ✓: the feed's summary only",
	minutesAgo:     func(n int) string { return plural(n, "%d minute ago", "%d minutes ago") },
	hoursAgo:       func(n int) string { return plural(n, "%d hour ago", "%d hours ago") },
	daysAgo:        func(n int) string { return plural(n, "%d day ago", "%d days ago") },
	justNow:        "just now",
	neverFetched:   "never fetched",

	keyUp:          "up",
	keyDown:        "down",
	keyTop:         "top",
	keyBottom:      "bottom",
	keyPageUp:      "page up",
	keyPageDown:    "page down",
	keyOpen:        "open",
	keyBack:        "back / clear filters",
	keyPrevMonth:   "older month",
	keyNextMonth:   "newer month",
	keyMonths:      "months",
	keyFilter:      "filter / search",
	keyNextMatch:   "next match",
	keyPrevMatch:   "previous match",
	keyLinks:       "open link n",
	keyTab:         "article ⇄ related",
	keyBrowser:     "open in browser",
	keyRefresh:     "refresh",
	keyHelp:        "help",
	keyQuit:        "quit",
	keyCopy:        "copy the link",
	keyNextArticle: "next article",
	keyPrevArticle: "previous article",
	noNextArticle:  "this is the last article in the list",
	noPrevArticle:  "this is the first article in the list",
	noMoreUnread:   "no more unread articles",
	keySuspend:     "suspend (fg brings it back)",
	keyAccept:      "done",
	keyCancel:      "cancel",

	markedRead:       func(n int) string { return plural(n, "%d item marked read", "%d items marked read") },
	markedUnread:     func(n int) string { return plural(n, "%d item marked unread", "%d items marked unread") },
	syncCounts:       "%s: %d new, %d updated, %d unchanged",
	syncUnchanged:    "%s: feed unchanged since the last sync",
	syncArticles:     "articles: %d fetched, %d unchanged, %d failed",
	syncFailure:      "  failed: %s: %s",
	stageFeed:        "feed",
	stageArticles:    "articles",
	syncNeedsNetwork: "sync needs the network, and --offline was given",
	showingSummary:   "%s; showing the cached summary",
	notCachedSource:  "nothing cached for %s yet: run nyss sync first",
	cacheHolds:       "; the cache holds only %s (--feed URL reads one)",
	notInCacheOf:     "%s is not in the cache of %s (see nyss list)",
	notInCache:       "%s is not in the cache (see nyss list)",
	cacheDamaged:     `the cache %s is damaged (%s): run "nyss sync --rebuild" to move it aside and start a new one`,
	cacheFull:        "cannot write the cache %s: no space left on device",
	cacheNotWritable: "cannot write the cache %s: %s",
	movedAside:       "moved the cache aside to %s; starting a new one",

	list: listEnglish,
}

// locale is the user's language for messages, as POSIX has it: the first
// of LC_ALL, LC_MESSAGES and LANG that is set.
func locale(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// textFor picks the language from a locale name: Swedish when it starts
// with "sv".
func textFor(lang string) text {
	if strings.HasPrefix(strings.ToLower(lang), "sv") {
		return swedish
	}
	return english
}

// stage names a step of a sync, for its progress line.
func (t text) stage(s feed.Stage) string {
	if s == feed.StageArticles {
		return t.stageArticles
	}
	return t.stageFeed
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf(one, n)
	}
	return fmt.Sprintf(many, n)
}

// ago is how old something is, in words: "2 dagar sedan".
func (t text) ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return t.justNow
	case d < time.Hour:
		return t.minutesAgo(int(d / time.Minute))
	case d < 24*time.Hour:
		return t.hoursAgo(int(d / time.Hour))
	}
	return t.daysAgo(int(d / (24 * time.Hour)))
}

// clock is a time of day, "08:15", with the date in front when it is not
// today: "igår 08:15", "14 jun 08:15".
func clock(at, now time.Time) string {
	hm := at.Local().Format("15:04")
	if d := shortDate(at, now); d != "idag" {
		return d + " " + hm
	}
	return hm
}
