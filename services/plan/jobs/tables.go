package jobs

// RiverTables are the tables River's migrations (0006..0013_river_*, written by
// internal/rivergen) create beside the service's own; River alone reads and writes them.
var RiverTables = []string{"river_job", "river_leader", "river_migration", "river_notification", "river_queue"}
