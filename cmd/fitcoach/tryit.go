package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fitcoach/fitcoach/pkg/auth"
)

// tryItSubject is the person of the "Try it" sequence: `fitcoach dev` prints a token for it and
// the README mints one with `fitcoach token`, so both walk the same person's flow.
const tryItSubject = "maria"

// tryItAdmin is the subject of the admin token `fitcoach dev` prints.
const tryItAdmin = "ops"

// tryItFlow is the person's first hour as shell lines to paste once $API and $TOKEN are set:
// onboard, generate a plan (its id kept in $PLAN), open day 1, start it and see its playlist,
// complete it. `fitcoach dev` prints it after its own API= and TOKEN= lines and the README's
// "Try it" shows it after its own; readme_test.go keeps the two equal. It needs curl and jq.
const tryItFlow = `AUTH="Authorization: Bearer $TOKEN"
curl -s -X PUT $API/v1/me/profile -H "$AUTH" -d '{"goal":"Get stronger and leaner",
  "fitnessLevel":"FITNESS_LEVEL_BEGINNER","equipment":["dumbbell"],"daysPerWeek":3,
  "durationWeeks":4,"sessionMinutes":45,"archetype":"ARCHETYPE_MENTOR","locale":"en"}'
PLAN=$(curl -s -X POST $API/v1/me/plans -H "$AUTH" -d '{"requestId":"first"}' | jq -r .plan.id)
curl -s $API/v1/me/plans/$PLAN/weeks/1/days/1 -H "$AUTH"
curl -s -X POST $API/v1/me/plans/$PLAN/weeks/1/days/1:start -H "$AUTH" -d '{}' | jq '.playlist.items[] | {kind, url}'
curl -s -X POST $API/v1/me/plans/$PLAN/weeks/1/days/1:complete -H "$AUTH" \
  -d '{"perceivedEffort":7,"notes":"felt good"}'
`

// readmeTokenLine is how the README's "Try it" sets $TOKEN for tryItSubject: by the CLI, run
// the way the README's first command runs fitcoach.
const readmeTokenLine = "TOKEN=$(go run ./cmd/fitcoach token --sub " + tryItSubject + ")"

// tryItScript is the "Try it" block for a server at api with the given token line.
func tryItScript(api, tokenLine string) string {
	return "API=" + api + "\n" + tokenLine + "\n" + tryItFlow
}

// printBanner tells what runs where and how to try it, with tokens minted for this data dir.
func printBanner(w io.Writer, a *app, s Settings) error {
	person, err := a.signer.Mint(tryItSubject, nil, 7*24*time.Hour)
	if err != nil {
		return err
	}
	admin, err := a.signer.Mint(tryItAdmin, []string{auth.RoleAdmin}, 7*24*time.Hour)
	if err != nil {
		return err
	}
	base := "http://" + s.HTTPAddr
	script := tryItScript(base, "TOKEN="+person)
	_, err = fmt.Fprintf(w, `fitcoach dev is running (pid %[1]d); stop it with Ctrl-C
  web + REST   %[2]s
  gRPC         %[3]s
  data         %[4]s

Try it as the person %[5]s (token valid 7 days; paste the lines into a shell, needs curl and jq):
%[6]s
An admin token (sub %[7]s), for the catalog and clip routes:
  ADMIN_TOKEN=%[8]s
`, os.Getpid(), base, s.GRPCAddr, s.DataDir, tryItSubject, indent(script, "  "), tryItAdmin, admin)
	return err
}

// indent prefixes every line of s with prefix.
func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}
