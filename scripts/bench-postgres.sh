#!/usr/bin/env bash
# Measures how long jobdb migrate up blocks the app's writes on PostgreSQL: starts a throw-away
# PostgreSQL 15 cluster, fills job_queue (5-status CHECK, or a native enum with KIND=enum) with
# ROWS jobs (default 1,000,000), then runs a writer inserting one job per transaction alone and
# throughout `jobdb migrate up`, and prints the slowest insert of each phase and jobdb's steps.
#   scripts/bench-postgres.sh            # 1M rows, CHECK
#   ROWS=200000 KIND=enum scripts/bench-postgres.sh
# Needs Debian's postgresql-15 (or PG_BIN), JDK 17 and Maven. As root the server runs as postgres.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "$0")/.." && pwd)
rows=${ROWS:-1000000}
kind=${KIND:-check}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
port=${PORT:-55439}

cd "$root"
mvn -B -q -o package -DskipTests 2>/dev/null || mvn -B -q package -DskipTests
cp="$root/target/test-classes:$root/target/jobdb.jar"

work=$(mktemp -d /tmp/jobdb-bench-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$work"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${as_pg[@]}" "$bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null

if [ "$kind" = enum ]; then
  create_type="CREATE TYPE job_status AS ENUM ('pending', 'running', 'completed', 'failed', 'cancelled');"
  status_type=job_status
  status_check=
else
  create_type=
  status_type=TEXT
  status_check="CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))"
fi
sql=$(<"$root/src/test/resources/pg/job_queue.sql")
sql=${sql//'${create_type}'/$create_type}
sql=${sql//'${status_type}'/$status_type}
sql=${sql//'${status_check}'/$status_check}
sql=${sql//'${jobs}'/$rows}
echo "filling job_queue with $rows jobs ($kind) ..." >&2
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE bench" >/dev/null
"$bin/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d bench <<<"$sql" >/dev/null

echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), $rows jobs, status $kind," \
  "$(nproc) cores"
java -cp "$cp" dev.jobdb.testing.PgWriteBlockingBench "$root/target/jobdb.jar" \
  "jdbc:postgresql://127.0.0.1:$port/bench" postgres "postgresql://postgres@127.0.0.1:$port/bench"
