// Package config loads settings from environment variables into tagged structs.
//
// Every setting of every service is a struct field tagged `env:"NAME"` with an optional
// `default:"..."` and `usage:"..."`; Load fills it. Keeping the names in tags (not scattered
// os.Getenv calls) lets a test list every variable the code reads and check that the README,
// docker-compose and Kubernetes manifests document each one.
package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Var describes one environment variable a config struct reads.
type Var struct {
	Name    string
	Default string
	Usage   string
}

// Load fills the tagged fields of the struct cfg points to from the environment, using lookup
// when non-nil (tests) and os.LookupEnv otherwise. Nested structs are walked. It reports every
// malformed value at once, naming the variable.
func Load(cfg any, lookup func(string) (string, bool)) error {
	if lookup == nil {
		lookup = os.LookupEnv
	}
	v := reflect.ValueOf(cfg)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("config: Load needs a pointer to a struct, got %T", cfg)
	}
	var errs []error
	walk(v.Elem(), func(f reflect.Value, sf reflect.StructField) {
		name := sf.Tag.Get("env")
		raw, ok := lookup(name)
		if !ok || raw == "" {
			raw, ok = sf.Tag.Lookup("default")
			if !ok {
				return
			}
		}
		if err := set(f, raw); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %w", name, raw, err))
		}
	})
	return errors.Join(errs...)
}

// Vars lists the environment variables the struct cfg (or a pointer to it) reads.
func Vars(cfg any) []Var {
	v := reflect.Indirect(reflect.ValueOf(cfg))
	var out []Var
	walk(v, func(_ reflect.Value, sf reflect.StructField) {
		out = append(out, Var{Name: sf.Tag.Get("env"), Default: sf.Tag.Get("default"), Usage: sf.Tag.Get("usage")})
	})
	return out
}

func walk(v reflect.Value, fn func(reflect.Value, reflect.StructField)) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		f := v.Field(i)
		if _, ok := sf.Tag.Lookup("env"); ok {
			fn(f, sf)
			continue
		}
		if sf.Type.Kind() == reflect.Struct && sf.Type != reflect.TypeFor[time.Time]() && sf.IsExported() {
			walk(f, fn)
		}
	}
}

func set(f reflect.Value, raw string) error {
	switch f.Interface().(type) {
	case string:
		f.SetString(raw)
	case bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return errors.New("want true or false")
		}
		f.SetBool(b)
	case int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return errors.New("want an integer")
		}
		f.SetInt(int64(n))
	case int64:
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return errors.New("want an integer")
		}
		f.SetInt(n)
	case float64:
		x, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return errors.New("want a number")
		}
		f.SetFloat(x)
	case time.Duration:
		d, err := time.ParseDuration(raw)
		if err != nil {
			// Plain integers are seconds, as in R2_SIGNED_URL_TTL=3600.
			n, nerr := strconv.Atoi(raw)
			if nerr != nil {
				return errors.New("want a duration such as 30s or a number of seconds")
			}
			d = time.Duration(n) * time.Second
		}
		f.SetInt(int64(d))
	case []string:
		var items []string
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" {
				items = append(items, s)
			}
		}
		f.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("unsupported field type %s", f.Type())
	}
	return nil
}
