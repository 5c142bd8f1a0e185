#!/usr/bin/env bash
# Issue 14's walk on a throw-away PostgreSQL 15, printed as a user would see it: an app folder
# whose .env holds DATABASE_URL, JOBDB_ENUM (with PAUSED) and JOBDB_CHANGELOG; job_queue with
# ROWS jobs (default 100,000; KIND=enum for a native enum column) while a writer inserts a job
# every 50 ms; jobdb and Liquibase's own command line (inside jobdb.jar) take turns.
#   scripts/pg-walk.sh                  # CHECK table
#   KIND=enum scripts/pg-walk.sh
# Needs Debian's postgresql-15 (or PG_BIN), JDK 17 and Maven. As root the server runs as postgres.
# Exit: 0 when every step did what the walk expects and the writer lost nothing; 1 otherwise.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "$0")/.." && pwd)
rows=${ROWS:-100000}
kind=${KIND:-check}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
port=${PORT:-55441}

cd "$root"
[ -f target/jobdb.jar ] || mvn -B -q package -DskipTests
jar="$root/target/jobdb.jar"

# shellcheck source=scripts/pg-lib.sh
source "$root/scripts/pg-lib.sh"
writer_pid=
stop_all() {
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null || true
  pg_stop
}
trap stop_all EXIT
pg_start
fill_job_queue app

app="$work/app"
mkdir -p "$app/services"
sed 's/^\(    ZOMBIE = "zombie".*\)$/\1\n    PAUSED = "paused"/' \
  "$root/src/test/resources/appenum/job_types.py" >"$app/services/job_types.py"
cat >"$app/.env" <<ENV
DATABASE_URL=postgresql://postgres:app-secret@127.0.0.1:$port/app
JOBDB_ENUM=services/job_types.py
JOBDB_CHANGELOG=db/changelog
JOBDB_BACKUP_DIR=$work/snapshots
ENV

# the app's worker: one job every 50 ms, each in its own transaction, 5 s statement timeout
(
  while true; do
    printf "SET statement_timeout = '5s'; INSERT INTO job_queue (job_type, job_data, status) VALUES ('writer', '{}', 'pending');\n"
    sleep 0.05
  done | psql -d app >"$work/writer.log" 2>&1
) &
writer_pid=$!
sleep 1

failed=0
step() { # expected exit, then the command
  local want=$1
  shift
  echo "\$ $*"
  set +e
  (cd "$app" && "$@" 2>&1 | sed -e "s|$work|/srv|g")
  local got=${PIPESTATUS[0]}
  set -e
  echo "(exit $got)"
  echo
  if [ "$got" != "$want" ]; then
    echo "walk: expected exit $want" >&2
    failed=1
  fi
}
jobdb() { java -XX:TieredStopAtLevel=1 -jar "$jar" "$@"; }
liquibase() {
  java -cp "$jar" liquibase.integration.commandline.LiquibaseCommandLine \
    --url "jdbc:postgresql://127.0.0.1:$port/app" --username postgres --analytics-enabled=false \
    --show-banner=false "$@"
}
narrow=()
[ "$kind" = enum ] && narrow=(--rewrite-enum)

step 0 jobdb migrate up
step 0 liquibase history
step 0 jobdb migrate diff
step 0 jobdb migrate up --dry-run
step 0 jobdb migrate up
step 0 liquibase --changelog-file master.yaml --search-path "$app/db/changelog" status
step 0 psql -d app -c "UPDATE job_queue SET status = 'paused' WHERE id = 5"
step 4 jobdb rollback
step 0 jobdb rollback --count 1 --remap paused=pending "${narrow[@]}"
step 0 jobdb rollback --to 002-error-handling-columns "${narrow[@]}"
step 0 jobdb migrate up
step 0 jobdb status --json

kill "$writer_pid" 2>/dev/null || true
wait "$writer_pid" 2>/dev/null || true
writer_pid=
sleep 1 # the writer's psql ends after the insert it was given last
errors=$(grep -c ERROR "$work/writer.log" || true)
counts="SELECT count(*) FILTER (WHERE job_type = 'writer'), count(*) FROM job_queue"
IFS='|' read -r written total < <(psql -d app -At -c "$counts")
echo "writer: $written jobs inserted during the walk, $errors failed; job_queue holds $total jobs" \
  "($rows + $written)"
[ "$errors" = 0 ] && [ "$total" = $((rows + written)) ] || failed=1
exit $failed
