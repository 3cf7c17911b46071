module github.com/fitcoach/fitcoach/cmd/fitcoach

go 1.26.7

require github.com/fitcoach/fitcoach/pkg v0.0.0-00010101000000-000000000000

replace github.com/fitcoach/fitcoach/pkg => ../../pkg
