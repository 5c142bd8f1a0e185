#!/usr/bin/env bash
# `jobdb migrate up` against what a careful person does by hand with the sqlite3 CLI, on copies of
# one fixture, in one run:
#
#   in place     scripts/jobdb migrate up --no-backup: the status CHECK changed without rewriting
#                a row (issue 8; before that lands this is the rebuild, and the output says so)
#   + snapshot   scripts/jobdb migrate up: the same with its verified snapshot first
#   --rebuild    scripts/jobdb migrate up --rebuild --no-backup: the full 12-step rebuild
#   hand-written the sqlite3 CLI rebuild: create job_queue_new with the 9-status CHECK, copy by
#                column name, drop, rename, the 8 indexes, one transaction; PRAGMA secure_delete=OFF
#                (Debian's sqlite3 is built with SECURE_DELETE, sqlite-jdbc is not)
#   .backup      sqlite3 DB '.backup COPY': SQLite's own page copy, what a snapshot is measured by
#
# plus the write lock jobdb held (writeLockMillis from its --json), a second migrate up (nothing to
# do), and the ratios: "+ snapshot" / ".backup" (aim 2.5, goal 1.5 at 1M rows) and
# "--rebuild" / "hand-written" (aim 1.2); "snap adds" is "+ snapshot" less "in place", what the
# snapshot itself costs the run. Every figure is the median of BENCH_RUNS runs on fresh copies
# (default 3). The two rebuilds run in pairs (hand-written, then jobdb's), so that both meet the
# same load, and each pair's ratio is printed too. make-fixture is timed on its own.
#
# Usage: scripts/bench-migrate.sh [ROWS...]      (default: 100000 1000000)
# Needs the sqlite3 CLI and about 4x the fixture's size free in $TMPDIR (1M rows: ~300 MB a copy).
# Exit: 0 all measured; 1 a jobdb step failed (the other figures are still printed); 2 setup.
set -uo pipefail
# shellcheck source=scripts/bench-lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/bench-lib.sh"

row_counts=("$@")
((${#row_counts[@]} > 0)) || row_counts=(100000 1000000)
for rows in "${row_counts[@]}"; do
  [[ $rows =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench-migrate.sh [ROWS...]" >&2; exit 2; }
done
runs=${BENCH_RUNS:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_RUNS must be a positive number" >&2; exit 2; }

command -v sqlite3 >/dev/null 2>&1 || {
  echo "bench: the sqlite3 CLI runs the baselines; install it (apt-get install sqlite3)" >&2
  exit 2
}

ensure_built
work=$(mktemp -d "${TMPDIR:-/tmp}/jobdb-bench-migrate.XXXXXX") || exit 2
trap 'rm -rf -- "$work"' EXIT
echo "working in $work (sqlite3 CLI $(sqlite3 --version | cut -d' ' -f1); medians of $runs runs)"

# --rebuild arrives with issue 8; an older jobdb gets its columns marked instead of failing.
rebuild_flag=yes
if ! "$jobdb" migrate up --help 2>/dev/null | grep -q -- '--rebuild'; then
  rebuild_flag=
  echo "note: this jobdb does not accept 'migrate up --rebuild' yet: its column is left empty"
fi

columns="id, job_type, job_data, status, priority, created_at, started_at, completed_at,
    log_file_path, error_message, retry_count, max_retries, worker_id, timeout_seconds,
    parent_job_id, failure_type, next_retry_at, last_error_traceback, dead_letter_reason,
    moved_to_dead_letter_at"

# What a careful person types by hand: the deployed column order (002's columns last).
cat >"$work/hand-written-rebuild.sql" <<SQL
PRAGMA secure_delete=OFF;
PRAGMA foreign_keys=OFF;
BEGIN;
CREATE TABLE job_queue_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_type TEXT NOT NULL,
    job_data TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled',
                          'timeout', 'retrying', 'dead_letter', 'zombie')),
    priority INTEGER NOT NULL DEFAULT 0,
    created_at TEXT DEFAULT (datetime('now', 'utc')),
    started_at TEXT NULL, completed_at TEXT NULL, log_file_path TEXT NULL,
    error_message TEXT NULL, retry_count INTEGER DEFAULT 0, max_retries INTEGER DEFAULT 3,
    worker_id TEXT NULL, timeout_seconds INTEGER NULL, parent_job_id INTEGER NULL,
    failure_type TEXT, next_retry_at TIMESTAMP, last_error_traceback TEXT,
    dead_letter_reason TEXT, moved_to_dead_letter_at TIMESTAMP,
    FOREIGN KEY (parent_job_id) REFERENCES job_queue(id)
);
INSERT INTO job_queue_new ($columns)
  SELECT $columns FROM job_queue;
DROP TABLE job_queue;
ALTER TABLE job_queue_new RENAME TO job_queue;
CREATE INDEX idx_job_queue_status ON job_queue(status);
CREATE INDEX idx_job_queue_type ON job_queue(job_type);
CREATE INDEX idx_job_queue_priority ON job_queue(priority DESC);
CREATE INDEX idx_job_queue_created_at ON job_queue(created_at);
CREATE INDEX idx_job_queue_status_priority ON job_queue(status, priority DESC);
CREATE INDEX idx_job_queue_next_retry ON job_queue(next_retry_at);
CREATE INDEX idx_job_queue_failure_type ON job_queue(failure_type);
CREATE INDEX idx_job_queue_dead_letter ON job_queue(moved_to_dead_letter_at);
COMMIT;
SQL

failures=()
results=()

job_count() {
  sqlite3 "$1" 'SELECT count(*) FROM job_queue'
}

accepts_zombie() {
  sqlite3 "$1" "SELECT sql FROM sqlite_master WHERE name = 'job_queue'" | grep -q zombie
}

fresh_copy() {
  rm -f -- "$2" "$2-wal" "$2-shm" "$2".*.jobdb-snapshot "$2.jobdb.lock"
  cp -- "$1" "$2"
}

# Runs jobdb once with --json, timed; sets last_ms, last_exit, last_lock_ms, last_how.
# Keeps its stdout and stderr in $work/last.out and $work/last.err.
time_jobdb() {
  local start end
  start=$(now_us)
  "$jobdb" "$@" --json >"$work/last.out" 2>"$work/last.err" </dev/null
  last_exit=$?
  end=$(now_us)
  last_ms=$(((end - start) / 1000))
  last_lock_ms=$(sed -n 's/.*"writeLockMillis" *: *\([0-9][0-9]*\).*/\1/p' "$work/last.out" | head -n 1)
  last_how=rebuilt
  grep -q 'in_place' "$work/last.out" && last_how=in_place
}

# A jobdb step that failed: say so once, keep going with the other figures.
jobdb_failed() {
  local what=$1
  failures+=("$what: exit $last_exit: $(head -n 1 "$work/last.err")")
  echo "  FAILED: $what exited $last_exit; its stderr:" >&2
  sed 's/^/    /' "$work/last.err" >&2
}

# median_jobdb LABEL ARGS...: BENCH_RUNS runs of `migrate up ARGS` on fresh copies of the fixture.
# Sets med_ms and med_lock_ms (empty when a run failed), and how (in_place or rebuilt).
median_jobdb() {
  local label=$1 i times=() locks=()
  shift
  med_ms='' med_lock_ms='' med_runs='' how=''
  for ((i = 0; i < runs; i++)); do
    fresh_copy "$fixture" "$work/j.db"
    time_jobdb migrate up --db "$work/j.db" "$@"
    if ((last_exit != 0)); then
      jobdb_failed "$rows rows: $label"
      return 1
    fi
    if [[ $(job_count "$work/j.db") != "$rows" ]] || ! accepts_zombie "$work/j.db"; then
      last_exit=0
      failures+=("$rows rows: $label: jobs lost or constraint unchanged")
      return 1
    fi
    times+=("$last_ms")
    locks+=("${last_lock_ms:-0}")
    how=$last_how
  done
  med_runs=${times[*]}
  med_ms=$(printf '%s\n' "${times[@]}" | median)
  med_lock_ms=$(printf '%s\n' "${locks[@]}" | median)
}

for rows in "${row_counts[@]}"; do
  echo
  echo "== $rows rows"
  fixture=$work/fixture-$rows.db
  time_once "$jobdb" make-fixture "$fixture" --jobs "$rows"
  if ((last_exit != 0)); then
    echo "bench: make-fixture --jobs $rows failed (exit $last_exit)" >&2
    exit 2
  fi
  fixture_ms=$last_ms
  # Every page into the main file, so a plain copy is the whole database (no connection is open).
  sqlite3 "$fixture" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  echo "  make-fixture: $(seconds "$fixture_ms") ($(du -m "$fixture" | cut -f1) MB)"

  # SQLite's own page copy of the same file, the yardstick for the snapshot.
  backup_times=()
  for ((i = 0; i < runs; i++)); do
    fresh_copy "$fixture" "$work/b.db"
    rm -f -- "$work/b.backup"
    time_once sqlite3 "$work/b.db" ".backup '$work/b.backup'"
    ((last_exit == 0)) || { echo "bench: sqlite3 .backup failed on $rows rows" >&2; exit 2; }
    backup_times+=("$last_ms")
  done
  backup_ms=$(printf '%s\n' "${backup_times[@]}" | median)
  rm -f -- "$work/b.db" "$work/b.backup"
  echo "  sqlite3 .backup:                   $(seconds "$backup_ms")"

  # The two rebuilds run in pairs, the hand-written one then jobdb's, so that both meet the same
  # load on a shared machine; the ratio is the median of the pairs' ratios.
  hand_times=() rebuild_times=() rebuild_locks=() pair_ratios=() rebuild_failed=
  for ((i = 0; i < runs; i++)); do
    fresh_copy "$fixture" "$work/a.db"
    time_once sqlite3 "$work/a.db" ".read '$work/hand-written-rebuild.sql'"
    if ((last_exit != 0)) || [[ $(job_count "$work/a.db") != "$rows" ]] || ! accepts_zombie "$work/a.db"; then
      echo "bench: the hand-written rebuild failed on $rows rows" >&2
      exit 2
    fi
    hand_times+=("$last_ms")
    rm -f -- "$work/a.db"
    [[ -n $rebuild_flag && -z $rebuild_failed ]] || continue
    fresh_copy "$fixture" "$work/j.db"
    time_jobdb migrate up --db "$work/j.db" --rebuild --no-backup
    if ((last_exit != 0)); then
      jobdb_failed "$rows rows: migrate up --rebuild"
      rebuild_failed=yes
    elif [[ $(job_count "$work/j.db") != "$rows" ]] || ! accepts_zombie "$work/j.db"; then
      failures+=("$rows rows: migrate up --rebuild: jobs lost or constraint unchanged")
      rebuild_failed=yes
    else
      rebuild_times+=("$last_ms")
      rebuild_locks+=("${last_lock_ms:-0}")
      pair_ratios+=("$(ratio "$last_ms" "${hand_times[-1]}")")
    fi
  done
  hand_ms=$(printf '%s\n' "${hand_times[@]}" | median)
  echo "  sqlite3 hand-written rebuild:      $(seconds "$hand_ms")  (runs: ${hand_times[*]} ms)"

  place_ms='' place_lock='' place_how='' snap_ms='' snap_lock='' rebuild_ms='' rebuild_lock=''
  noop_ms='' pair_ratio=''
  if median_jobdb "migrate up --no-backup" --no-backup; then
    place_ms=$med_ms place_lock=$med_lock_ms place_how=$how
    label="in place"
    [[ $place_how == in_place ]] || label="in place (NOT YET: this jobdb rebuilt)"
    echo "  jobdb migrate up --no-backup:      $(seconds "$place_ms"), write lock $(seconds "$place_lock")  [$label]"
    time_jobdb migrate up --db "$work/j.db" --no-backup
    if ((last_exit == 0)); then
      noop_ms=$last_ms
      echo "    second migrate up (nothing to do): $(seconds "$noop_ms")"
    else
      jobdb_failed "$rows rows: second migrate up"
    fi
  fi
  if median_jobdb "migrate up (with snapshot)"; then
    snap_ms=$med_ms snap_lock=$med_lock_ms
    echo "  jobdb migrate up (with snapshot):  $(seconds "$snap_ms"), write lock $(seconds "$snap_lock"), $(ratio "$snap_ms" "$backup_ms")x .backup"
    [[ -n $place_ms ]] && echo "    the snapshot added $(seconds "$((snap_ms - place_ms))") to the run: $(ratio "$((snap_ms - place_ms))" "$backup_ms")x .backup"
  fi
  if [[ -n $rebuild_flag ]]; then
    if [[ -z $rebuild_failed ]]; then
      rebuild_ms=$(printf '%s\n' "${rebuild_times[@]}" | median)
      rebuild_lock=$(printf '%s\n' "${rebuild_locks[@]}" | median)
      pair_ratio=$(printf '%s\n' "${pair_ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
      echo "  jobdb migrate up --rebuild:        $(seconds "$rebuild_ms"), write lock $(seconds "${rebuild_lock:-0}"), $(ratio "$rebuild_ms" "$hand_ms")x hand-written  (runs: ${rebuild_times[*]} ms; each against the hand-written run just before it: ${pair_ratios[*]}, median $pair_ratio)"
    fi
  else
    echo "  jobdb migrate up --rebuild:        not accepted by this jobdb"
  fi
  results+=("$rows|$fixture_ms|$backup_ms|$hand_ms|$place_ms|$place_lock|$place_how|$snap_ms|$snap_lock|$rebuild_ms|$rebuild_lock|$noop_ms|$pair_ratio")
  find "$work" -mindepth 1 -maxdepth 1 ! -name hand-written-rebuild.sql -exec rm -rf -- {} +
done

cell() { if [[ -n $1 ]]; then seconds "$1"; else printf -- '-'; fi; }
quotient() { if [[ -n $1 && -n $2 ]]; then ratio "$1" "$2"; else printf -- '-'; fi; }

echo
echo "summary (wall time of the whole process, write lock from jobdb's JSON; medians of $runs"
echo "runs; rb/hand is the median of the paired runs' ratios; make-fixture is in no other figure)"
format='%9s  %9s  %9s  %9s  %9s  %9s  %9s  %9s  %7s  %9s  %9s  %9s  %7s\n'
printf "$format" rows .backup "hand-wr." "in place" "lock" "+snapshot" "lock" "no-op" "snap/bk" \
  "snap adds" "--rebuild" "lock" "rb/hand"
for line in "${results[@]}"; do
  IFS='|' read -r rows fixture_ms backup_ms hand_ms place_ms place_lock place_how snap_ms \
    snap_lock rebuild_ms rebuild_lock noop_ms pair_ratio <<<"$line"
  printf "$format" "$rows" "$(cell "$backup_ms")" "$(cell "$hand_ms")" \
    "$(cell "$place_ms")$([[ -n $place_ms && $place_how != in_place ]] && printf '*')" \
    "$(cell "$place_lock")" "$(cell "$snap_ms")" "$(cell "$snap_lock")" "$(cell "$noop_ms")" \
    "$(quotient "$snap_ms" "$backup_ms")" \
    "$([[ -n $snap_ms && -n $place_ms ]] && seconds "$((snap_ms - place_ms))" || printf -- -)" \
    "$(cell "$rebuild_ms")" "$(cell "$rebuild_lock")" \
    "${pair_ratio:--}"
done
if printf '%s\n' "${results[@]}" | cut -d'|' -f7 | grep -q rebuilt; then
  echo "* this jobdb changed the constraint by rebuilding the table: the in-place change is not in it yet"
fi
[[ -n $rebuild_flag ]] || echo "--rebuild: not accepted by this jobdb yet (issue 8, item 3)"

if ((${#failures[@]} > 0)); then
  echo
  echo "bench: jobdb failed, so its figures are missing:" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
