// Package faults holds the cross-service reliability and security tests: they build the real
// fitcoach binary, run it on loopback ports and check what a person sees under bad tokens,
// oversized bodies and network faults between the services and their dependencies.
package faults
