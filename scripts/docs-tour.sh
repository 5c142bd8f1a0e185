#!/usr/bin/env bash
# Prints README's tour with real output: in a fresh folder, the deployed pre-fix tracks.db
# (`jobdb make-fixture`), the app's services/job_types.py with a new status PAUSED and a .env naming
# the database, the enum and the changelog folder; then verify-schema -> migrate up -> migrate diff
# -> migrate up -> rollback, each command before its output and its exit code after. The temporary
# folder is shown as /srv/app. Regenerate README's tour block with:
#   scripts/docs-tour.sh > /tmp/tour.txt   (then paste /tmp/tour.txt over the block)
# Needs a JDK 17+ and Maven (scripts/jobdb builds target/jobdb.jar when it is stale).
# Exit: 0 when every step exited as the tour says, 1 otherwise.
set -uo pipefail

scripts=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
launcher=$scripts/jobdb
root=$(dirname -- "$scripts")
unexpected=0

"$launcher" --version >/dev/null || {
  echo "docs-tour: scripts/jobdb could not build or start jobdb" >&2
  exit 1
}
tour=$(mktemp -d "${TMPDIR:-/tmp}/jobdb-tour.XXXXXX") || exit 1
trap 'rm -rf -- "$tour"' EXIT
cd -- "$tour" || exit 1

# step EXPECTED_EXIT COMMAND...: prints "$ jobdb ARGS", the output (temp folder as /srv/app), the exit.
step() {
  local expected=$1
  shift
  printf '$ jobdb %s\n' "$*"
  "$launcher" "$@" 2>&1 | sed "s#$tour#/srv/app#g"
  local code=${PIPESTATUS[0]}
  printf '$ echo $?\n%d\n' "$code"
  if ((code != expected)); then
    echo "docs-tour: 'jobdb $*' exited $code, expected $expected" >&2
    unexpected=$((unexpected + 1))
  fi
}

"$launcher" make-fixture tracks.db >/dev/null 2>&1 || {
  echo "docs-tour: jobdb make-fixture failed" >&2
  exit 1
}
mkdir -p services
sed '/^    ZOMBIE = "zombie"/a\    PAUSED = "paused"' \
  "$root/src/test/resources/appenum/job_types.py" >services/job_types.py
printf 'DB_PATH=tracks.db\nJOBDB_ENUM=services/job_types.py\nJOBDB_CHANGELOG=db/changelog\n' >.env

echo '$ cat .env'
cat .env
step 1 verify-schema
step 0 migrate up
step 0 migrate diff
step 0 migrate up
step 0 rollback
exit $((unexpected > 0))
