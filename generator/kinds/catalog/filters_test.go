package catalog

import (
	"reflect"
	"testing"
)

func TestLevelFilterOffersOnlyLevelsInUse(t *testing.T) {
	c := &Catalog{
		Scorecards: []*ScorecardInfo{{ID: "ops", Name: "Ops", Levels: []string{"bronze", "silver", "gold"}}},
		Services: []*Service{
			{ID: "a", Levels: map[string]string{"ops": "gold"}},
			{ID: "b", Levels: map[string]string{"ops": ""}},
			{ID: "c", Levels: map[string]string{"ops": "gold"}},
			{ID: "d"}, // not evaluated by this scorecard
		},
	}
	cols := c.scorecardColumns()
	var got []string
	for _, o := range cols[0].Options {
		got = append(got, o.Value)
	}
	if want := []string{"ops=gold", "ops=none"}; !reflect.DeepEqual(got, want) {
		t.Errorf("level filter options = %v, want %v", got, want)
	}
}
