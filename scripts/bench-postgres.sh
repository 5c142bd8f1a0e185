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

# shellcheck source=scripts/pg-lib.sh
source "$root/scripts/pg-lib.sh"
pg_start
echo "filling job_queue with $rows jobs ($kind) ..." >&2
fill_job_queue bench

echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), $rows jobs, status $kind," \
  "$(nproc) cores"
java -cp "$cp" dev.jobdb.testing.PgWriteBlockingBench "$root/target/jobdb.jar" \
  "jdbc:postgresql://127.0.0.1:$port/bench" postgres "postgresql://postgres@127.0.0.1:$port/bench"
