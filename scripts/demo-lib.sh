# Helpers shared by scripts/demo.sh and scripts/docs-walkthrough.sh (sourced, not run).
# The caller sets: scripts (this folder), and may set JAVA. Defines launcher, root, unexpected.

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

# How step reports an exit: "demo" ([exit N, as expected: WHY]) or "shell" ($ echo $? then N).
exit_style=${exit_style:-demo}

# step EXPECTED_EXIT WHY SHOWN_COMMAND -- COMMAND...: shows the command, runs it, reports its exit.
step() {
  local expected=$1 why=$2 shown=$3
  shift 4
  [[ $exit_style == demo ]] && echo
  printf '%s$ %s%s\n' "$bold" "$shown" "$plain"
  "$@" 2>&1
  local code=$?
  if [[ $exit_style == shell ]]; then
    printf '$ echo $?\n%d\n' "$code"
    if ((code != expected)); then
      printf 'unexpected exit %d of "%s", expected %d: %s\n' "$code" "$shown" "$expected" "$why" >&2
      unexpected=$((unexpected + 1))
    fi
  elif ((code == expected)); then
    printf '[exit %d, as expected: %s]\n' "$code" "$why"
  else
    printf '[exit %d, EXPECTED %d: %s]\n' "$code" "$expected" "$why"
    unexpected=$((unexpected + 1))
  fi
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

# add_paused SRC DEST: the app's job_types.py with PAUSED = "paused" added after ZOMBIE.
add_paused() {
  sed '/^    ZOMBIE = "zombie"/a\    PAUSED = "paused"' "$1" >"$2"
}

# Build first, so the build's own messages come before the walk-through.
build_first() {
  "$launcher" --version >/dev/null || {
    echo "$(basename -- "$0"): scripts/jobdb could not build or start jobdb" >&2
    exit 1
  }
}
