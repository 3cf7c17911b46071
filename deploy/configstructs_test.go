package deploy_test

import (
	"github.com/fitcoach/fitcoach/gateway"
	"github.com/fitcoach/fitcoach/services/catalog"
	"github.com/fitcoach/fitcoach/services/plan"
	"github.com/fitcoach/fitcoach/services/video"
)

// configStructs are the importable Config structs, by the role that reads them. The source scan
// (codeVars) is what the deployment files are checked against, since it also sees package main
// and packages not yet listed here; this registry cross-checks the scan with config.Vars. Add a
// service's root Config here when it lands.
func configStructs() map[string]any {
	return map[string]any{
		"gateway": gateway.Config{},
		"catalog": catalog.Config{},
		"plan":    plan.Config{},
		"video":   video.Config{},
	}
}
