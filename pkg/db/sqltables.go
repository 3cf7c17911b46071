package db

import (
	"regexp"
	"slices"
	"strings"
)

// The statements a down migration is made of, read well enough to tell an operator which
// tables it drops and which it changes. An identifier is plain or double-quoted, optionally
// schema-qualified.
const ident = `(?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?`

var (
	sqlComments = regexp.MustCompile(`(?s)--[^\n]*|/\*.*?\*/`)
	dropTable   = regexp.MustCompile(`(?i)\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(` + ident + `(?:\s*,\s*` + ident + `)*)`)
	createTable = regexp.MustCompile(`(?i)\bCREATE\s+(?:TEMP\s+|TEMPORARY\s+|UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(` + ident + `)`)
	changeTable = regexp.MustCompile(`(?i)\b(?:ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?|UPDATE\s+(?:ONLY\s+)?|DELETE\s+FROM\s+(?:ONLY\s+)?|INSERT\s+(?:OR\s+\w+\s+)?INTO\s+|TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?|CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:` + ident + `\s+)?ON\s+(?:ONLY\s+)?)(` + ident + `)`)
	dropIndex   = regexp.MustCompile(`(?i)\bDROP\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?(` + ident + `)`)
	identList   = regexp.MustCompile(ident)
)

// tablesOf reads a migration's SQL: the tables it drops, the other tables it changes (not
// those it creates itself), and the indexes it drops, whose tables only the database knows.
func tablesOf(sql string) (drops, touches, indexes []string) {
	sql = sqlComments.ReplaceAllString(sql, " ")
	var created []string
	for _, m := range createTable.FindAllStringSubmatch(sql, -1) {
		created = appendNew(created, normIdent(m[1]))
	}
	for _, m := range dropTable.FindAllStringSubmatch(sql, -1) {
		for _, t := range identList.FindAllString(m[1], -1) {
			if t = normIdent(t); !slices.Contains(created, t) {
				drops = appendNew(drops, t)
			}
		}
	}
	for _, m := range changeTable.FindAllStringSubmatch(sql, -1) {
		if t := normIdent(m[1]); !slices.Contains(created, t) && !slices.Contains(drops, t) {
			touches = appendNew(touches, t)
		}
	}
	for _, m := range dropIndex.FindAllStringSubmatch(sql, -1) {
		indexes = appendNew(indexes, normIdent(m[1]))
	}
	return drops, touches, indexes
}

// normIdent folds an unquoted identifier to lower case, as both databases compare them, and
// drops the quotes of a quoted one.
func normIdent(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		if strings.HasPrefix(p, `"`) {
			parts[i] = strings.Trim(p, `"`)
		} else {
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, ".")
}

// quoteIdent quotes a possibly schema-qualified name for use in SQL.
func quoteIdent(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = `"` + strings.ReplaceAll(p, `"`, `""`) + `"`
	}
	return strings.Join(parts, ".")
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
