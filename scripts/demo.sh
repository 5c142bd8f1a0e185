#!/usr/bin/env bash
# A first run without a database of your own. In a fresh folder, builds a database shaped like the
# user's pre-fix tracks.db (the deployed table, 624 jobs, WAL, 8 indexes) and a .env naming it,
# then walks it through jobdb, printing each command before its output and the exit code after:
#   the app's write fails -> verify-schema (drift) -> migrate up -> verify-schema (in sync)
#   -> the app's write works -> status -> rollback (refused: a job is zombie)
#   -> rollback --remap zombie=failed -> verify-schema (drift again: the old constraint is back)
# jobdb runs inside that folder with no --db, so you see the path come from .env.
# Needs only a JDK 17+ and Maven (scripts/jobdb builds the jar on first use).
#
# Exit: 0 when every step behaved as expected, 1 otherwise (the walk goes on regardless).
set -uo pipefail

scripts=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
launcher=$scripts/jobdb
root=$(dirname -- "$scripts")
java_cmd=${JAVA:-java}
unexpected=0

bold=
plain=
if [[ -t 1 ]]; then
  bold=$'\033[1m'
  plain=$'\033[0m'
fi

# step EXPECTED_EXIT WHY SHOWN_COMMAND -- COMMAND...: shows the command, runs it, reports its exit.
step() {
  local expected=$1 why=$2 shown=$3
  shift 4
  printf '\n%s$ %s%s\n' "$bold" "$shown" "$plain"
  "$@" 2>&1
  local code=$?
  if ((code == expected)); then
    printf '[exit %d, as expected: %s]\n' "$code" "$why"
  else
    printf '[exit %d, EXPECTED %d: %s]\n' "$code" "$expected" "$why"
    unexpected=$((unexpected + 1))
  fi
}

say() {
  printf '\n# %s\n' "$*"
}

jobdb() {
  "$launcher" "$@"
}

worker() {
  "$java_cmd" -cp "$root/target/jobdb.jar" "$scripts/DemoWorker.java" tracks.db "$1"
}

# Build first, so the build's own messages come before the walk-through.
"$launcher" --version >/dev/null || {
  echo "demo: scripts/jobdb could not build or start jobdb" >&2
  exit 1
}

demo=$(mktemp -d "${TMPDIR:-/tmp}/jobdb-demo.XXXXXX") || exit 1
cd -- "$demo" || exit 1
echo "demo folder: $demo"

say "A database shaped like the user's tracks.db before the fix, and the app's .env naming it."
step 0 "created" "jobdb make-fixture tracks.db" -- jobdb make-fixture tracks.db
printf 'DB_PATH=tracks.db\n' >.env
step 0 "the app's configuration" "cat .env" -- cat .env

say "The app's worker marks a job 'zombie': the crash that started it all."
step 1 "the database rejects a status the code has" "java DemoWorker.java zombie" -- worker zombie

say "Which database is it, and how does it drift from JobStatus?"
step 1 "drift found" "jobdb verify-schema" -- jobdb verify-schema

say "Rebuild job_queue with all 9 statuses (backup first)."
step 0 "migrated" "jobdb migrate up" -- jobdb migrate up
step 0 "in sync" "jobdb verify-schema" -- jobdb verify-schema

say "The same write now works."
step 0 "zombie accepted" "java DemoWorker.java zombie" -- worker zombie
step 0 "status" "jobdb status" -- jobdb status

say "Going back to the old 5-status constraint would break the zombie job: jobdb refuses."
step 4 "refused, nothing changed" "jobdb rollback" -- jobdb rollback
step 0 "rolled back, zombie jobs now failed" "jobdb rollback --remap zombie=failed" -- \
  jobdb rollback --remap zombie=failed
step 1 "drift again: the old constraint is back" "jobdb verify-schema" -- jobdb verify-schema

echo
echo "The demo folder stays for you to look at: $demo (remove it with: rm -rf '$demo')"
if ((unexpected > 0)); then
  echo "demo: $unexpected step(s) did not exit as expected (see EXPECTED above)" >&2
  exit 1
fi
