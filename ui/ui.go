// Package ui is what a person sees of nyss: the Bubble Tea reader, and the
// plain output of the subcommands. It talks to the network and the cache
// only through package feed.
package ui

import (
	"context"
	"errors"

	"nyss/feed"
)

// Run opens the reader on the source at sourceURL.
func Run(ctx context.Context, e *feed.Engine, sourceURL string) error {
	return errors.New("the reader is not built yet: use nyss list, nyss show ID and nyss search")
}
