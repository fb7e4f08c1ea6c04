# Sourced by .ci/run (and usable by hand): installs PostgreSQL from Debian's packages if needed
# and runs a throwaway cluster on 127.0.0.1:$PG_PORT owned by the postgres user.
PG_PORT=${PG_PORT:-54329}
PG_URL="postgres://postgres@127.0.0.1:${PG_PORT}/kennisnetwerk"

start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DATA=$(mktemp -d /tmp/kn-pgdata.XXXXXX)
  chown postgres "$PG_DATA"
  su postgres -c "$PG_BIN/initdb -D $PG_DATA -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA -l $PG_DATA/server.log -w start \
    -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp -c max_connections=200 -c fsync=off\"" >/dev/null
  echo "PostgreSQL $($PG_BIN/postgres --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
  export PG_URL PG_BIN PG_DATA
}

stop_postgres() {
  if [ -n "${PG_DATA:-}" ] && [ -d "$PG_DATA" ]; then
    su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$PG_DATA"
  fi
}
