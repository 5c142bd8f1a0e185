#!/usr/bin/env bash
# The write lock of each constraint change, measured (never asserted in a test): migrate up (the
# deployed unnamed CHECK), rollback (a narrowing), migrate up again (the named CHECK), each a jobdb
# process run with the launchers' JVM options, on a copy of the deployed fixture (8 indexes, WAL)
# at each size, while a writer inserts a job every 50 ms with a 5 s busy timeout. Then index
# recreation at the largest size: the fixture missing the 4 indexes the app's own fix dropped.
#
#   scripts/bench-lock.sh [DIR] [SIZES...]     default: /tmp/jobdb-bench 100000 1000000
#
# Fixtures are made once per DIR (a 1M-job one is 300 MB, 5M about 1.5 GB: check `df -h DIR`).
# jobdb runs as users run it, through scripts/jobdb (the jar, its start-up archive, the launcher's
# JVM options); BENCH_CLASSPATH=1 runs it from the test classpath instead, without the archive.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "$0")/.." && pwd)
dir=${1:-/tmp/jobdb-bench}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100000 1000000)
cd "$root"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-cp.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
launcher=()
if [[ -z ${BENCH_CLASSPATH:-} ]]; then
  scripts/jobdb --version >/dev/null # builds the jar and its archive when they are missing or old
  launcher=("-Djobdb.launcher=$root/scripts/jobdb")
  echo "jobdb runs through scripts/jobdb"
else
  echo "jobdb runs from the test classpath (BENCH_CLASSPATH=1), without the start-up archive"
fi
mkdir -p "$dir"
declare -A lock
for rows in "${sizes[@]}"; do
  out=$(java ${launcher[@]+"${launcher[@]}"} -cp "$cp" dev.jobdb.engine.sqlite.change.InPlaceBenchmark \
    "$rows" "$dir" 2>/dev/null)
  printf '%s\n' "$out"
  lock[$rows]=$(printf '%s\n' "$out" | sed -n 's/.*write lock *\([0-9]*\) ms.*/\1/p' | sort -n | tail -1)
done
smallest=${sizes[0]}
for rows in "${sizes[@]:1}"; do
  awk -v a="${lock[$rows]}" -v b="${lock[$smallest]}" -v r="$rows" -v s="$smallest" \
    'BEGIN { printf "longest lock at %d rows / at %d rows: %d ms / %d ms = %.2fx\n", r, s, a, b, a / b }'
done
# index recreation at 1M rows (the issue's size), or at the largest size when 1M was not asked for
index_rows=${sizes[-1]}
for rows in "${sizes[@]}"; do [[ $rows == 1000000 ]] && index_rows=1000000; done
java ${launcher[@]+"${launcher[@]}"} -cp "$cp" dev.jobdb.engine.sqlite.change.IndexRecreationBenchmark \
  "$index_rows" "$dir" 2>/dev/null
