#!/usr/bin/env bash
# Starts and stops a throw-away PostgreSQL 15 and Redis on loopback for the test suite.
#
#   eval "$(tools/services.sh start DIR)"   # prints `export INTEGRATION_API_TEST_*_URL=...`
#   tools/services.sh stop DIR              # stops both
#   tools/services.sh pg-stop DIR           # stops only PostgreSQL (readiness tests)
#   tools/services.sh pg-start DIR          # starts it again on the same port
#
# Everything (data, sockets, logs, pid files) lives inside DIR. Only export lines go to
# stdout; progress and warnings go to stderr. A missing binary gives a warning and no
# export line, so the caller decides whether that is a skip or a failure.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
REDIS_SERVER="${REDIS_SERVER-$(command -v redis-server || true)}"

log() { echo "services.sh: $*" >&2; }

usage() {
    echo "usage: $0 {start|stop|pg-start|pg-stop} DIR" >&2
    exit 2
}

# A port nobody listens on right now (the OS picks when python3 is around).
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return
    fi
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

# Runs a PostgreSQL binary as `postgres` when we are root (initdb and postgres refuse root).
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

wait_until() { # wait_until SECONDS COMMAND...
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            return 1
        fi
        sleep 0.1
    done
}

redis_pong() { # redis_pong PORT — speaks RESP over bash's /dev/tcp, so redis-cli is optional
    local reply
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'PING\r\n' >&3
    read -r -t 1 reply <&3 || true
    exec 3<&- 3>&-
    [[ "$reply" == +PONG* ]]
}

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" status >/dev/null 2>&1; }

pg_init() {
    mkdir -p "$DIR/pg-socket"
    if [ "$(id -u)" = 0 ]; then
        chmod a+x "$DIR" # postgres must traverse DIR (mktemp -d makes it 0700)
        mkdir -p "$DIR/pg"
        chown postgres "$DIR/pg" "$DIR/pg-socket"
        if ! runuser -u postgres -- test -w "$DIR/pg"; then
            log "user postgres cannot reach $DIR (a parent folder is private); use e.g. mktemp -d"
            return 1
        fi
    fi
    as_pg "$PG_BIN/initdb" -D "$DIR/pg" -U postgres --auth=trust --encoding=UTF8 \
        --no-sync >"$DIR/pg-init.log" 2>&1 || {
        log "initdb failed; see $DIR/pg-init.log"
        return 1
    }
    free_port >"$DIR/pg.port"
}

pg_start() {
    if [ ! -x "$PG_BIN/pg_ctl" ]; then
        log "warning: PostgreSQL not found in $PG_BIN; not starting it"
        return 1
    fi
    [ -f "$DIR/pg/PG_VERSION" ] || pg_init
    local port
    port="$(cat "$DIR/pg.port")"
    if ! pg_running; then
        touch "$DIR/pg.log"
        [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg.log"
        # fsync off: a test server's data is disposable, and it makes the suite faster.
        as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg.log" -w -t 30 start -o \
            "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$DIR/pg-socket -c fsync=off -c full_page_writes=off -c max_connections=200" \
            >/dev/null || {
            log "PostgreSQL did not start; see $DIR/pg.log"
            return 1
        }
    fi
    wait_until 30 "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" || {
        log "PostgreSQL on port $port does not answer"
        return 1
    }
    log "PostgreSQL 15 on 127.0.0.1:$port"
    echo "export INTEGRATION_API_TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:$port/postgres"
}

pg_stop() {
    if [ -f "$DIR/pg/PG_VERSION" ] && pg_running; then
        as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null
        log "PostgreSQL stopped"
    fi
}

redis_start() {
    if [ -z "$REDIS_SERVER" ]; then
        log "warning: redis-server not found (apt-get install -y redis-server); not starting it"
        return 1
    fi
    mkdir -p "$DIR/redis"
    local port
    if [ -f "$DIR/redis.pid" ] && kill -0 "$(cat "$DIR/redis.pid")" 2>/dev/null; then
        port="$(cat "$DIR/redis.port")"
    else
        port="$(free_port)"
        echo "$port" >"$DIR/redis.port"
        # No RDB/AOF: nothing is written outside DIR, and nothing persists at all.
        "$REDIS_SERVER" --bind 127.0.0.1 --port "$port" --daemonize yes \
            --pidfile "$DIR/redis.pid" --dir "$DIR/redis" --logfile "$DIR/redis.log" \
            --save "" --appendonly no >/dev/null
    fi
    wait_until 15 redis_pong "$port" || {
        log "Redis on port $port does not answer; see $DIR/redis.log"
        return 1
    }
    log "Redis on 127.0.0.1:$port"
    echo "export INTEGRATION_API_TEST_REDIS_URL=redis://127.0.0.1:$port/0"
}

redis_stop() {
    [ -f "$DIR/redis.pid" ] || return 0
    local pid
    pid="$(cat "$DIR/redis.pid")"
    if kill "$pid" 2>/dev/null; then
        wait_until 10 bash -c "! kill -0 $pid" || log "warning: Redis pid $pid still running"
        log "Redis stopped"
    fi
    rm -f "$DIR/redis.pid"
}

[ $# -eq 2 ] || usage
DIR="$(mkdir -p "$2" && cd "$2" && pwd)"

case "$1" in
start)
    pg_start || true
    redis_start || true
    ;;
stop)
    status=0
    pg_stop || status=1
    redis_stop || status=1
    exit "$status"
    ;;
pg-start) pg_start >/dev/null ;;
pg-stop) pg_stop ;;
*) usage ;;
esac
