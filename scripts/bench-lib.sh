# shellcheck shell=bash
# Shared by the bench-*.sh scripts (sourced, not run): wall-clock timing, medians, formatting.
# Needs only bash; uses hyperfine when it is installed (bench_median), never requires it.

bench_root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
jobdb=$bench_root/scripts/jobdb

# Microseconds since the epoch: bash 5's clock without a fork, else GNU date.
now_us() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local t=${EPOCHREALTIME/[.,]/}
    printf '%s\n' "$((10#$t))"
  else
    local ns
    ns=$(date +%s%N)
    [[ $ns == *N ]] && { echo "bench: needs bash 5 or GNU date for sub-second timing" >&2; exit 2; }
    printf '%s\n' "$((ns / 1000))"
  fi
}

# Runs a command once with its output discarded; sets last_ms (wall time) and last_exit.
# shellcheck disable=SC2034 # last_exit is read by the scripts that source this file
time_once() {
  local start end
  start=$(now_us)
  "$@" >/dev/null 2>&1 </dev/null
  last_exit=$?
  end=$(now_us)
  last_ms=$(((end - start) / 1000))
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# bench_median WARMUPS RUNS COMMAND...: median whole-process wall time in ms, on stdout.
# Exit codes of the command are not judged here; callers check them once beforehand.
bench_median() {
  local warmups=$1 runs=$2
  shift 2
  if command -v hyperfine >/dev/null 2>&1 && [[ ${BENCH_NO_HYPERFINE:-} != 1 ]]; then
    local json
    json=$(mktemp) || return 1
    # -N: no intermediate shell; -i: a drift report (exit 1) is a normal result here.
    if hyperfine -N -i --style none --warmup "$warmups" --runs "$runs" \
      --export-json "$json" -- "$(quote_command "$@")" >/dev/null 2>&1; then
      awk -F': *' '/"median"/ { gsub(/[ ,]/, "", $2); printf "%d\n", $2 * 1000; exit }' "$json"
      rm -f -- "$json"
      return 0
    fi
    rm -f -- "$json"
  fi
  local i
  for ((i = 0; i < warmups; i++)); do time_once "$@"; done
  for ((i = 0; i < runs; i++)); do
    time_once "$@"
    printf '%s\n' "$last_ms"
  done | median
}

# One command line for hyperfine, each word quoted for its own parser.
quote_command() {
  local word out=
  for word in "$@"; do
    out+=" '${word//\'/\'\\\'\'}'"
  done
  printf '%s' "${out# }"
}

# 1234 -> "1.234 s"
seconds() {
  awk -v ms="$1" 'BEGIN { printf "%.3f s", ms / 1000 }'
}

# ratio 3 2 -> "1.50"
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'
}

# Builds the jar and the start-up archive now, so that no figure includes a build.
ensure_built() {
  "$jobdb" --version >/dev/null || {
    echo "bench: scripts/jobdb could not build or start jobdb (exit $?)" >&2
    exit 2
  }
}
