// Package deploy holds fitcoach's deployment files (Dockerfile, Kubernetes manifests, Render
// blueprint) and the tests that keep them, docker-compose.yml and the README's configuration
// reference consistent with the code: every environment variable a Config struct reads must be
// documented and wired everywhere fitcoach runs.
package deploy
