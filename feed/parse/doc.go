// Package parse reads feeds (RSS, Atom, JSON Feed) and the dates that feeds
// and Swedish web pages write, and returns plain, sanitized text.
//
// It does no fetching: callers hand it the bytes, the HTTP Content-Type and
// the URL the bytes came from.
package parse
