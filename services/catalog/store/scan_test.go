package store

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecodeStrings(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		bad  bool
	}{
		{`[]`, []string{}, false},
		{`["chest"]`, []string{"chest"}, false},
		{`["chest","triceps"]`, []string{"chest", "triceps"}, false},
		{` [ "chest" , "triceps" ] `, []string{"chest", "triceps"}, false},
		{`["a\"b","c"]`, []string{`a"b`, "c"}, false},
		{`["caf\u00e9"]`, []string{"café"}, false},
		{`null`, nil, false},
		{`["chest",]`, nil, true},
		{`["chest" "x"]`, nil, true},
		{`[chest]`, nil, true},
		{`["chest`, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := decodeStrings([]byte(tc.in))
			if tc.bad {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}
