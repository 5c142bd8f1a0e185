#!/usr/bin/env bash
# Whole-process wall time of `jobdb verify-schema` and `jobdb --help` on a database shaped like the
# user's (624 jobs, WAL, 8 indexes), beside `java -version` (the JVM's own floor on this machine):
# from the checkout (scripts/jobdb) and from the release archive (target/jobdb-*.zip unzipped into
# a temp folder, bin/jobdb run by sh with a per-user cache of its own). Prints medians and ratios.
# Aims (issue 10): verify-schema at most 0.3 s, --help at most 0.25 s, both ways; with a row count
# as second argument also verify-schema on a database that big (aim at 1M rows: at most 0.6 s).
#
# Usage: scripts/bench-verify.sh [RUNS] [BIG_ROWS]   (default 15 runs after 2 warm-ups; no big db)
# Uses hyperfine when installed, else a bash loop; BENCH_NO_HYPERFINE=1 forces the loop.
set -uo pipefail
# shellcheck source=scripts/bench-lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/bench-lib.sh"

runs=${1:-15}
big_rows=${2:-0}
[[ $runs =~ ^[1-9][0-9]*$ && $big_rows =~ ^[0-9]+$ ]] || {
  echo "usage: scripts/bench-verify.sh [RUNS] [BIG_ROWS]" >&2
  exit 2
}
warmups=2
verify_aim_ms=300
help_aim_ms=250
big_aim_ms=600

ensure_built
zip=$(ls -t "$bench_root"/target/jobdb-*.zip 2>/dev/null | head -n 1)
[[ -n $zip && ! $bench_root/target/jobdb.jar -nt $zip ]] || {
  echo "bench: no release archive as new as target/jobdb.jar; run mvn -B package -DskipTests" >&2
  exit 2
}
work=$(mktemp -d "${TMPDIR:-/tmp}/jobdb-bench-verify.XXXXXX") || exit 2
trap 'rm -rf -- "$work"' EXIT
db=$work/tracks.db
"$jobdb" make-fixture "$db" >/dev/null || { echo "bench: make-fixture failed" >&2; exit 2; }

# The archive as a user installs it; its first run makes the start-up archive in the cache.
mkdir -p -- "$work/install" "$work/cache" && (cd -- "$work/install" && unzip -q "$zip") || exit 2
archive_jobdb=("$work"/install/*/bin/jobdb)
export XDG_CACHE_HOME=$work/cache
sh "${archive_jobdb[0]}" --version >/dev/null 2>&1

cd -- "$work" || exit 2
java_cmd=${JAVA:-java}
# A broken verify-schema would be fast and meaningless: only drift (1) or in sync (0) count.
for launcher in "$jobdb" "${archive_jobdb[0]}"; do
  sh -c '"$0" verify-schema --db "$1"' "$launcher" "$db" >/dev/null 2>"$work/verify.err"
  verify_exit=$?
  if ((verify_exit > 1)); then
    echo "bench: '$launcher verify-schema --db $db' failed with exit $verify_exit:" >&2
    sed 's/^/  /' "$work/verify.err" >&2
    exit 1
  fi
done

timer=$(command -v hyperfine >/dev/null 2>&1 && [[ ${BENCH_NO_HYPERFINE:-} != 1 ]] &&
  echo hyperfine || echo "bash loop")
echo "median wall time of $runs runs after $warmups warm-ups ($timer), $(nproc 2>/dev/null || echo '?') cores"
java_ms=$(bench_median "$warmups" "$runs" "$java_cmd" -version)
verify_ms=$(bench_median "$warmups" "$runs" "$jobdb" verify-schema --db "$db")
help_ms=$(bench_median "$warmups" "$runs" "$jobdb" --help)
zip_verify_ms=$(bench_median "$warmups" "$runs" sh "${archive_jobdb[0]}" verify-schema --db "$db")
zip_help_ms=$(bench_median "$warmups" "$runs" sh "${archive_jobdb[0]}" --help)
verify_nocds_ms=$(JOBDB_CDS=off bench_median "$warmups" "$runs" "$jobdb" verify-schema --db "$db")

verdict() { # verdict MS AIM_MS
  if (($1 <= $2)); then echo "aim $(seconds "$2"): met"; else echo "aim $(seconds "$2"): missed"; fi
}
printf '  %-52s %10s  %s\n' \
  "java -version" "$(seconds "$java_ms")" "" \
  "scripts/jobdb verify-schema (624 jobs, exit $verify_exit)" "$(seconds "$verify_ms")" \
  "$(verdict "$verify_ms" "$verify_aim_ms")" \
  "scripts/jobdb --help" "$(seconds "$help_ms")" "$(verdict "$help_ms" "$help_aim_ms")" \
  "archive bin/jobdb verify-schema" "$(seconds "$zip_verify_ms")" \
  "$(verdict "$zip_verify_ms" "$verify_aim_ms")" \
  "archive bin/jobdb --help" "$(seconds "$zip_help_ms")" "$(verdict "$zip_help_ms" "$help_aim_ms")" \
  "scripts/jobdb verify-schema, without the CDS archive" "$(seconds "$verify_nocds_ms")" ""
echo "verify-schema / java -version: $(ratio "$verify_ms" "$java_ms")x"

if ((big_rows > 0)); then
  big=$work/big.db
  "$jobdb" make-fixture "$big" --jobs "$big_rows" >/dev/null || { echo "bench: make-fixture --jobs $big_rows failed" >&2; exit 2; }
  big_ms=$(bench_median "$warmups" "$runs" "$jobdb" verify-schema --db "$big")
  full_ms=$(bench_median 1 3 "$jobdb" verify-schema --db "$big" --check full)
  printf '  %-52s %10s  %s\n' \
    "scripts/jobdb verify-schema ($big_rows jobs)" "$(seconds "$big_ms")" \
    "$(verdict "$big_ms" "$big_aim_ms")" \
    "scripts/jobdb verify-schema --check full ($big_rows jobs, median of 3)" "$(seconds "$full_ms")" ""
fi
