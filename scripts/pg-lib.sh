# Sourced by scripts/bench-postgres.sh and scripts/pg-walk.sh: a throw-away PostgreSQL 15 cluster
# and the app's job_queue in it. Set before sourcing: bin (PostgreSQL's bin folder), port, rows,
# kind (check or enum). Provides: work (the cluster's temporary folder, removed on exit), psql,
# pg_start, fill_job_queue DB. As root the server runs as postgres.

work=$(mktemp -d /tmp/jobdb-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$work"
  as_pg=(runuser -u postgres --)
fi
pg_stop() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap pg_stop EXIT

pg_start() {
  "${as_pg[@]}" "$bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 >/dev/null
  "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
}

psql() { "$bin/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }

# Creates database $1 holding job_queue with $rows jobs, 8 indexes and the 5-status constraint
# (a CHECK, or a native enum type with kind=enum): src/test/resources/pg/job_queue.sql.
fill_job_queue() {
  local create_type= status_type=TEXT
  local status_check="CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))"
  if [ "$kind" = enum ]; then
    create_type="CREATE TYPE job_status AS ENUM ('pending', 'running', 'completed', 'failed', 'cancelled');"
    status_type=job_status
    status_check=
  fi
  local sql
  sql=$(<"$root/src/test/resources/pg/job_queue.sql")
  sql=${sql//'${create_type}'/$create_type}
  sql=${sql//'${status_type}'/$status_type}
  sql=${sql//'${status_check}'/$status_check}
  sql=${sql//'${jobs}'/$rows}
  psql -d postgres -c "CREATE DATABASE $1" >/dev/null
  psql -d "$1" <<<"$sql" >/dev/null
}
