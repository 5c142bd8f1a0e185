#!/usr/bin/env bash
# `jobdb restore` against SQLite's own page copy of the same file, on one fixture:
#
#   .backup   sqlite3 SNAPSHOT '.backup COPY': what a restore is measured by (issue 16: aim 2x)
#   restore   scripts/jobdb restore --from SNAPSHOT, SNAPSHOT the one `jobdb migrate up` took: the
#             safety snapshot of the current state while the snapshot's checksum is compared, the
#             page copy back, the jobs counted; no integrity_check (the file is the one checked)
#   foreign   the same with a snapshot jobdb did not take (a .backup copy, no checksum): its one
#             full integrity_check runs beside the safety snapshot
#
# All are medians of BENCH_RUNS runs (default 3); ratio is restore / .backup. The fixture is made
# once with make-fixture. "check" is one `sqlite3 SNAPSHOT 'PRAGMA integrity_check'`: what each
# integrity_check costs (restore ran two before issue 16).
#
# Usage: scripts/bench-restore.sh [ROWS...]      (default: 1000000)
# Needs the sqlite3 CLI and about 4x the fixture's size free in $TMPDIR.
# Exit: 0 all measured; 1 a jobdb restore failed; 2 setup.
set -uo pipefail
# shellcheck source=scripts/bench-lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/bench-lib.sh"

row_counts=("$@")
((${#row_counts[@]} > 0)) || row_counts=(1000000)
for rows in "${row_counts[@]}"; do
  [[ $rows =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench-restore.sh [ROWS...]" >&2; exit 2; }
done
runs=${BENCH_RUNS:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_RUNS must be a positive number" >&2; exit 2; }
command -v sqlite3 >/dev/null 2>&1 || {
  echo "bench: the sqlite3 CLI is the baseline; install it (apt-get install sqlite3)" >&2
  exit 2
}

ensure_built
work=$(mktemp -d "${TMPDIR:-/tmp}/jobdb-bench-restore.XXXXXX") || exit 2
trap 'rm -rf -- "$work"' EXIT
echo "working in $work (sqlite3 CLI $(sqlite3 --version | cut -d' ' -f1); medians of $runs runs)"
printf '%-10s %9s %10s %10s %10s %10s %8s\n' rows MB .backup check foreign restore ratio

failed=0
for rows in "${row_counts[@]}"; do
  db=$work/tracks.db
  foreign=$work/foreign.db
  rm -rf -- "$work"/tracks.db* "$work"/copy.db "$work/safety"
  mkdir -p "$work/safety"
  "$jobdb" make-fixture "$db" --jobs "$rows" >/dev/null || { echo "bench: make-fixture failed" >&2; exit 2; }
  sqlite3 "$db" ".backup '$foreign'" || exit 2
  "$jobdb" migrate up --db "$db" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  snapshot=$(ls "$work"/tracks.db.*.jobdb-snapshot)
  mb=$(($(wc -c <"$snapshot") / 1000000))

  backup_ms=$(for ((i = 0; i < runs; i++)); do
    rm -f -- "$work/copy.db"
    time_once sqlite3 "$snapshot" ".backup '$work/copy.db'"
    printf '%s\n' "$last_ms"
  done | median)
  time_once sqlite3 "$snapshot" "PRAGMA integrity_check"
  check_ms=$last_ms

  for from in "$snapshot" "$foreign"; do
    "$jobdb" restore --db "$db" --from "$from" --backup-dir "$work/safety" --keep 1 \
      >/dev/null 2>"$work/err" || { cat "$work/err" >&2; failed=1; continue 2; }
  done
  restore_ms=$(for ((i = 0; i < runs; i++)); do
    time_once "$jobdb" restore --db "$db" --from "$snapshot" --backup-dir "$work/safety" --keep 1
    printf '%s\n' "$last_ms"
  done | median)
  foreign_ms=$(for ((i = 0; i < runs; i++)); do
    time_once "$jobdb" restore --db "$db" --from "$foreign" --backup-dir "$work/safety" --keep 1
    printf '%s\n' "$last_ms"
  done | median)

  printf '%-10s %9s %10s %10s %10s %10s %8s\n' "$rows" "$mb" "$(seconds "$backup_ms")" \
    "$(seconds "$check_ms")" "$(seconds "$foreign_ms")" "$(seconds "$restore_ms")" \
    "$(ratio "$restore_ms" "$backup_ms")"
done
exit "$failed"
