#!/usr/bin/env bash
# `jobdb migrate up` against the hand-written sqlite3 rebuild of the same table, on the same data.
#
# For each row count: make-fixture builds the deployed pre-fix database (timed on its own, so it is
# in no other figure), its WAL is checkpointed, and copies of the file are timed under
#   (a) the hand-written rebuild in the sqlite3 CLI: create job_queue_new with the 9-status CHECK,
#       copy by column name, drop, rename, the 8 indexes, one transaction;
#   (b) scripts/jobdb migrate up --db COPY --no-backup;
#   (c) scripts/jobdb migrate up --db COPY (with its verified backup);
#   a second `migrate up` on (b)'s copy (nothing to do), and jobdb's peak RSS (GNU time).
# Aims (issue 3): b/a at most 1.3 at 1M rows; peak RSS flat in the row count; the no-op under 1 s.
#
# Usage: scripts/bench-migrate.sh [ROWS...]      (default: 100000 1000000)
# Needs the sqlite3 CLI (the baseline) and ~1.5 GB free in $TMPDIR for 1M rows.
# Exit: 0 all measured; 1 a jobdb step failed (the baseline figures are still printed); 2 setup.
set -uo pipefail
# shellcheck source=scripts/bench-lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/bench-lib.sh"

row_counts=("$@")
((${#row_counts[@]} > 0)) || row_counts=(100000 1000000)
for rows in "${row_counts[@]}"; do
  [[ $rows =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench-migrate.sh [ROWS...]" >&2; exit 2; }
done

command -v sqlite3 >/dev/null 2>&1 || {
  echo "bench: the sqlite3 CLI runs the hand-written baseline; install it (apt-get install sqlite3)" >&2
  exit 2
}
gnu_time=
if /usr/bin/time -f %M true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
else
  echo "note: GNU time not found, peak RSS not measured (apt-get install time)" >&2
fi

ensure_built
work=$(mktemp -d "${TMPDIR:-/tmp}/jobdb-bench-migrate.XXXXXX") || exit 2
trap 'rm -rf -- "$work"' EXIT
echo "working in $work ($(sqlite3 --version | cut -d' ' -f1) CLI for the baseline)"

columns="id, job_type, job_data, status, priority, created_at, started_at, completed_at,
    log_file_path, error_message, retry_count, max_retries, worker_id, timeout_seconds,
    parent_job_id, failure_type, next_retry_at, last_error_traceback, dead_letter_reason,
    moved_to_dead_letter_at"

# What a careful person types by hand: the deployed column order (002's columns last).
cat >"$work/hand-written-rebuild.sql" <<SQL
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

# Runs jobdb once, timed; with GNU time also its peak RSS (the launcher execs java: same process).
# Sets last_ms, last_exit, last_rss_kb; keeps stderr in $work/last.err.
time_jobdb() {
  local rss_file=$work/rss
  rm -f -- "$rss_file"
  local start end
  start=$(now_us)
  if [[ -n $gnu_time ]]; then
    "$gnu_time" -o "$rss_file" -f %M "$jobdb" "$@" >"$work/last.out" 2>"$work/last.err" </dev/null
  else
    "$jobdb" "$@" >"$work/last.out" 2>"$work/last.err" </dev/null
  fi
  last_exit=$?
  end=$(now_us)
  last_ms=$(((end - start) / 1000))
  last_rss_kb=n/a
  [[ -s $rss_file ]] && last_rss_kb=$(tail -n 1 "$rss_file")
}

# A jobdb step that failed: say so once, keep going with the baseline for the other row counts.
jobdb_failed() {
  local what=$1
  failures+=("$what: exit $last_exit: $(head -n 1 "$work/last.err")")
  echo "  FAILED: $what exited $last_exit; its stderr:" >&2
  sed 's/^/    /' "$work/last.err" >&2
}

job_count() {
  sqlite3 "$1" 'SELECT count(*) FROM job_queue'
}

mb() {
  awk -v kb="$1" 'BEGIN { if (kb ~ /^[0-9]+$/) printf "%d MB", kb / 1024; else printf "%s", kb }'
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
  for copy in a b c; do
    cp -- "$fixture" "$work/$copy.db"
  done
  rm -f -- "$fixture" "$fixture-wal" "$fixture-shm"

  time_once sqlite3 "$work/a.db" ".read '$work/hand-written-rebuild.sql'"
  hand_ms=$last_ms
  if ((last_exit != 0)) || [[ $(job_count "$work/a.db") != "$rows" ]] ||
    ! sqlite3 "$work/a.db" "SELECT sql FROM sqlite_master WHERE name = 'job_queue'" | grep -q zombie; then
    echo "bench: the hand-written rebuild failed on $rows rows" >&2
    exit 2
  fi
  echo "  (a) sqlite3, hand-written rebuild: $(seconds "$hand_ms")"
  rm -f -- "$work/a.db"

  plain_ms='' backup_ms='' noop_ms='' plain_rss=n/a backup_rss=n/a noop_rss=n/a
  time_jobdb migrate up --db "$work/b.db" --no-backup
  if ((last_exit == 0)); then
    plain_ms=$last_ms plain_rss=$last_rss_kb
    echo "  (b) jobdb migrate up --no-backup: $(seconds "$plain_ms"), $(ratio "$plain_ms" "$hand_ms")x (a), peak RSS $(mb "$plain_rss")"
    [[ $(job_count "$work/b.db") == "$rows" ]] || failures+=("$rows rows: (b) lost jobs")

    time_jobdb migrate up --db "$work/b.db" --no-backup
    if ((last_exit == 0)); then
      noop_ms=$last_ms noop_rss=$last_rss_kb
      echo "      second migrate up (nothing to do): $(seconds "$noop_ms"), peak RSS $(mb "$noop_rss")"
    else
      jobdb_failed "$rows rows: second migrate up"
    fi

    time_jobdb migrate up --db "$work/c.db"
    if ((last_exit == 0)); then
      backup_ms=$last_ms backup_rss=$last_rss_kb
      echo "  (c) jobdb migrate up with backup: $(seconds "$backup_ms"), $(ratio "$backup_ms" "$hand_ms")x (a), peak RSS $(mb "$backup_rss")"
    else
      jobdb_failed "$rows rows: migrate up (with backup)"
    fi
  else
    jobdb_failed "$rows rows: migrate up --no-backup"
  fi
  results+=("$rows|$fixture_ms|$hand_ms|${plain_ms:-}|${backup_ms:-}|${noop_ms:-}|$plain_rss|$backup_rss")
  # The copies and jobdb's backups, whatever it names them: 1M rows take ~300 MB a file.
  find "$work" -mindepth 1 -maxdepth 1 ! -name hand-written-rebuild.sql -exec rm -rf -- {} +
done

echo
echo "summary (wall time, whole process; make-fixture not included anywhere else)"
printf '%9s  %9s  %10s  %10s %5s  %10s %5s  %9s  %9s  %9s\n' \
  rows fixture "(a) sqlite3" "(b) jobdb" b/a "(c) +backup" c/a no-op "RSS (b)" "RSS (c)"
cell() { if [[ -n $1 ]]; then seconds "$1"; else printf -- '-'; fi; }
for line in "${results[@]}"; do
  IFS='|' read -r rows fixture_ms hand_ms plain_ms backup_ms noop_ms plain_rss backup_rss <<<"$line"
  printf '%9s  %9s  %10s  %10s %5s  %10s %5s  %9s  %9s  %9s\n' "$rows" \
    "$(cell "$fixture_ms")" "$(cell "$hand_ms")" \
    "$(cell "$plain_ms")" "$([[ -n $plain_ms ]] && ratio "$plain_ms" "$hand_ms" || echo -)" \
    "$(cell "$backup_ms")" "$([[ -n $backup_ms ]] && ratio "$backup_ms" "$hand_ms" || echo -)" \
    "$(cell "$noop_ms")" "$(mb "$plain_rss")" "$(mb "$backup_rss")"
done

if ((${#failures[@]} > 0)); then
  echo
  echo "bench: jobdb failed, so its figures are missing:" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
