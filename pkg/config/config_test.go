package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type inner struct {
	TTL time.Duration `env:"T_TTL" default:"3600"`
}

type sample struct {
	Name    string   `env:"T_NAME" default:"fitcoach" usage:"the name"`
	Retries int      `env:"T_RETRIES" default:"2"`
	Prob    float64  `env:"T_PROB" default:"0.3"`
	On      bool     `env:"T_ON" default:"true"`
	Hosts   []string `env:"T_HOSTS"`
	Inner   inner
}

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoad(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		var c sample
		require.NoError(t, Load(&c, env(nil)))
		require.Equal(t, sample{Name: "fitcoach", Retries: 2, Prob: 0.3, On: true, Inner: inner{TTL: time.Hour}}, c)
	})
	t.Run("overrides", func(t *testing.T) {
		var c sample
		require.NoError(t, Load(&c, env(map[string]string{"T_NAME": "x", "T_HOSTS": "a.com, b.com", "T_TTL": "90s", "T_ON": "false"})))
		require.Equal(t, "x", c.Name)
		require.Equal(t, []string{"a.com", "b.com"}, c.Hosts)
		require.Equal(t, 90*time.Second, c.Inner.TTL)
		require.False(t, c.On)
	})
	t.Run("every bad value is named", func(t *testing.T) {
		var c sample
		err := Load(&c, env(map[string]string{"T_RETRIES": "two", "T_PROB": "high"}))
		require.ErrorContains(t, err, "T_RETRIES")
		require.ErrorContains(t, err, "T_PROB")
	})
	t.Run("not a pointer", func(t *testing.T) {
		require.Error(t, Load(sample{}, nil))
	})
}

func TestVars(t *testing.T) {
	vars := Vars(sample{})
	var names []string
	for _, v := range vars {
		names = append(names, v.Name)
	}
	require.Equal(t, []string{"T_NAME", "T_RETRIES", "T_PROB", "T_ON", "T_HOSTS", "T_TTL"}, names)
	require.Equal(t, "the name", vars[0].Usage)
}
