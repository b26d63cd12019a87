package feed

import "testing"

func TestMonthsCountUnreadBesideTotal(t *testing.T) {
	e, url := syncedFixture(t)
	e.Location = zone(t, "Europe/Stockholm")
	if _, err := e.MarkShown(Query{Sources: []string{url}, Month: "2022-06"}, true); err != nil {
		t.Fatal(err)
	}
	months, err := e.Months(Query{Sources: []string{url}})
	if err != nil {
		t.Fatal(err)
	}
	for _, mc := range months {
		want := mc.Count
		if mc.Month == "2022-06" {
			want = 0
		}
		if mc.Unread != want {
			t.Errorf("%s: %d unread of %d, want %d", mc.Month, mc.Unread, mc.Count, want)
		}
	}
}
