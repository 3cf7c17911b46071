package plan

import (
	"syscall"
	"testing"
	"time"
)

// cpuMeter reports the process CPU time per benchmark op ("cpu-ns/op") beside wall time: on a
// shared, oversubscribed machine wall time measures the neighbours, CPU time measures the code.
type cpuMeter struct{ start time.Duration }

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuMeter { return cpuMeter{start: processCPU()} }

func (m cpuMeter) report(b *testing.B, ops int) {
	if ops > 0 {
		b.ReportMetric(float64(processCPU()-m.start)/float64(ops), "cpu-ns/op")
	}
}
