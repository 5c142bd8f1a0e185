#!/usr/bin/env bash
# A first run without a database of your own: the walk-through of docs/following-the-app.md.
# In a fresh folder it builds what the user has: the deployed pre-fix tracks.db (624 jobs, WAL,
# 8 indexes, the 5-status CHECK), the app's services/job_types.py with a new status PAUSED, and a
# .env naming all three settings (DB_PATH, JOBDB_ENUM, JOBDB_CHANGELOG). Then, printing each
# command before its output and the exit code after:
#   the app's write fails -> verify-schema (5 statuses rejected) -> migrate diff (refused: 003 is
#   pending) -> migrate up -> verify-schema (only paused rejected) -> migrate diff (writes 004)
#   -> migrate up -> verify-schema (in sync) -> the app's write of 'paused' works
#   -> rollback (refused: a job is paused) -> status (each changeset once)
# jobdb runs inside that folder with no flag, so you see every setting come from .env.
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

# The app's worker: Python's sqlite3 like the app itself when python3 is there, else a Java stand-in.
worker() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect("tracks.db", timeout=30)
try:
    with c:
        n = c.execute("UPDATE job_queue SET status = ? WHERE id ="
                      " (SELECT min(id) FROM job_queue WHERE status = 'running')", (sys.argv[1],)).rowcount
    print("worker: a running job is now " + sys.argv[1] if n else "worker: no running job left")
except sqlite3.IntegrityError as e:
    print("worker crashed: " + str(e)); sys.exit(1)
PY
  else
    "$java_cmd" -cp "$root/target/jobdb.jar" "$scripts/DemoWorker.java" tracks.db "$1"
  fi
}

# Build first, so the build's own messages come before the walk-through.
"$launcher" --version >/dev/null || {
  echo "demo: scripts/jobdb could not build or start jobdb" >&2
  exit 1
}

demo=$(mktemp -d "${TMPDIR:-/tmp}/jobdb-demo.XXXXXX") || exit 1
cd -- "$demo" || exit 1
echo "demo folder: $demo"

say "What the user has: the deployed tracks.db, the app's code with a new status, and its .env."
step 0 "created" "jobdb make-fixture tracks.db" -- jobdb make-fixture tracks.db
mkdir -p services
sed '/^    ZOMBIE = "zombie"/a\    PAUSED = "paused"' \
  "$root/src/test/resources/appenum/job_types.py" >services/job_types.py
step 0 "the app's JobStatus, PAUSED added" "grep -A17 'class JobStatus' services/job_types.py" -- \
  grep -A17 'class JobStatus' services/job_types.py
printf 'DB_PATH=tracks.db\nJOBDB_ENUM=services/job_types.py\nJOBDB_CHANGELOG=db/changelog\n' >.env
step 0 "the app's configuration" "cat .env" -- cat .env

say "The app's worker marks a job 'zombie': the crash that started it all."
step 1 "the database rejects a status the code has" "worker zombie" -- worker zombie

say "Which database, which enum, and how does job_queue drift from it?"
step 1 "drift: 5 statuses rejected" "jobdb verify-schema" -- jobdb verify-schema

say "Write the changeset for paused? Not before the pending ones are applied."
step 4 "refused: changesets are pending" "jobdb migrate diff" -- jobdb migrate diff
step 0 "migrated in place (snapshot first)" "jobdb migrate up" -- jobdb migrate up
step 1 "drift: only paused is left" "jobdb verify-schema" -- jobdb verify-schema

say "jobdb writes the next changeset into the app's changelog folder, then applies it."
step 0 "changeset written" "jobdb migrate diff" -- jobdb migrate diff
step 0 "changeset file" "cat db/changelog/004-status-accepts-paused.yaml" -- \
  cat db/changelog/004-status-accepts-paused.yaml
step 0 "migrated" "jobdb migrate up" -- jobdb migrate up
step 0 "in sync" "jobdb verify-schema" -- jobdb verify-schema

say "The app's writes now work."
step 0 "zombie accepted" "worker zombie" -- worker zombie
step 0 "paused accepted" "worker paused" -- worker paused

say "Going back would break the paused job: jobdb refuses, and the history lists each changeset once."
step 4 "refused, nothing changed" "jobdb rollback" -- jobdb rollback
step 0 "status" "jobdb status" -- jobdb status

echo
echo "The demo folder stays for you to look at: $demo (remove it with: rm -rf '$demo')"
if ((unexpected > 0)); then
  echo "demo: $unexpected step(s) did not exit as expected (see EXPECTED above)" >&2
  exit 1
fi
