#!/usr/bin/env bash
# Whole-process wall time of `scripts/jobdb verify-schema` on a database shaped like the user's
# (624 jobs, WAL, 8 indexes), beside `java -version`: the JVM's own floor on this machine.
# Prints medians and their ratio. Aim: verify-schema under 0.5 s.
#
# Usage: scripts/bench-verify.sh [RUNS]      (default 15 runs after 2 warm-ups)
# Uses hyperfine when installed, else a bash loop; BENCH_NO_HYPERFINE=1 forces the loop.
set -uo pipefail
# shellcheck source=scripts/bench-lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/bench-lib.sh"

runs=${1:-15}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench-verify.sh [RUNS]" >&2; exit 2; }
warmups=2
aim_ms=500

ensure_built
work=$(mktemp -d "${TMPDIR:-/tmp}/jobdb-bench-verify.XXXXXX") || exit 2
trap 'rm -rf -- "$work"' EXIT
db=$work/tracks.db
"$jobdb" make-fixture "$db" >/dev/null || { echo "bench: make-fixture failed" >&2; exit 2; }

cd -- "$work" || exit 2
java_cmd=${JAVA:-java}
# A broken verify-schema would be fast and meaningless: only drift (1) or in sync (0) count.
"$jobdb" verify-schema --db "$db" >/dev/null 2>"$work/verify.err"
verify_exit=$?
if ((verify_exit > 1)); then
  echo "bench: 'jobdb verify-schema --db $db' failed with exit $verify_exit:" >&2
  sed 's/^/  /' "$work/verify.err" >&2
  exit 1
fi

timer=$(command -v hyperfine >/dev/null 2>&1 && [[ ${BENCH_NO_HYPERFINE:-} != 1 ]] &&
  echo hyperfine || echo "bash loop")
echo "median wall time of $runs runs after $warmups warm-ups ($timer), $(nproc 2>/dev/null || echo '?') cores"
java_ms=$(bench_median "$warmups" "$runs" "$java_cmd" -version)
verify_ms=$(bench_median "$warmups" "$runs" "$jobdb" verify-schema --db "$db")
help_ms=$(bench_median "$warmups" "$runs" "$jobdb" --help)
verify_nocds_ms=$(JOBDB_CDS=off bench_median "$warmups" "$runs" "$jobdb" verify-schema --db "$db")
help_nocds_ms=$(JOBDB_CDS=off bench_median "$warmups" "$runs" "$jobdb" --help)

printf '  %-46s %10s\n' \
  "java -version" "$(seconds "$java_ms")" \
  "jobdb verify-schema (624 jobs, exit $verify_exit)" "$(seconds "$verify_ms")" \
  "jobdb verify-schema, without the CDS archive" "$(seconds "$verify_nocds_ms")" \
  "jobdb --help" "$(seconds "$help_ms")" \
  "jobdb --help, without the CDS archive" "$(seconds "$help_nocds_ms")"
echo "verify-schema / java -version: $(ratio "$verify_ms" "$java_ms")x"
if ((verify_ms < aim_ms)); then
  echo "aim (under $(seconds "$aim_ms")): met"
else
  echo "aim (under $(seconds "$aim_ms")): missed by $(seconds $((verify_ms - aim_ms)))"
fi
