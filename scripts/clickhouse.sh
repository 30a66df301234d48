#!/usr/bin/env bash
# A local ClickHouse for tests, benchmarks and the demo, run from a folder of its own.
#
#   scripts/clickhouse.sh start   start it (or find the running one), print its env file
#   scripts/clickhouse.sh stop    stop it by its PID
#   scripts/clickhouse.sh status  say whether it runs
#   scripts/clickhouse.sh env     print the env file path (CLICKHOUSE_HOST, _USER, _PASSWORD, _DB)
#
# The server listens on 127.0.0.1 only, on free ports, with an `etl_writer` user that has a
# password (sha256 in users.xml; 18.16 has no CREATE USER). State lives in $QT_CH_DIR
# (default .local/clickhouse in the repository), so it never touches a system server.
#
# Least privilege: `etl_writer` may use only the databases listed in `test_databases` below
# (`allow_databases`: any other answers Code 291, DATABASE_ACCESS_DENIED; `system` stays
# readable). The list is published in the env file as CLICKHOUSE_TEST_DATABASES, and the tests
# allocate their databases from it (Tests/TestSupport/DatabasePool.swift).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${QT_CH_DIR:-$root/.local/clickhouse}"
# shellcheck source=lib/clickhouse-users.sh
. "$root/scripts/lib/clickhouse-users.sh"
# shellcheck source=lib/clickhouse-server-config.sh
. "$root/scripts/lib/clickhouse-server-config.sh"
envfile="$dir/env"
pidfile="$dir/server.pid"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

port_is_free() {
    # SO_REUSEADDR as the server itself binds: connections of a just-stopped server in
    # TIME_WAIT must not count as "in use", or a restart would move to another port.
    python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1",int(sys.argv[1]))); s.close()' "$1" 2>/dev/null
}

# `zakaz` (the demo and CLICKHOUSE_DB), scripts/bench-e2e.sh's three, scripts/check-release.sh's
# one, 64 scratch databases for the tests, and 8 whose names start with a digit (the
# identifier-quoting tests).
test_databases() {
    local names=(zakaz bench_e2e_fetch bench_e2e_free bench_e2e_limited release_check)
    for i in $(seq -w 0 63); do names+=("qt_t$i"); done
    for i in $(seq 0 7); do names+=("1qt_t0$i"); done
    echo "${names[*]}"
}

running() {
    [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

ping_ok() {
    local port="$1"
    [ "$(curl -s --max-time 1 "http://127.0.0.1:$port/ping" 2>/dev/null)" = "Ok." ]
}

write_config() {
    local http_port="$1" tcp_port="$2" password="$3"
    write_server_xml "$dir" "$http_port" "$tcp_port"
    write_users_xml "$dir/users.xml" "$password" "$(test_databases)"
}

start() {
    if running; then
        # shellcheck disable=SC1090
        . "$envfile"
        local list; list="$(test_databases | tr ' ' ',')"
        if ping_ok "$CH_HTTP_PORT" && [ "${CLICKHOUSE_TEST_DATABASES:-}" != "$list" ]; then
            # Started by another version of this script: confine etl_writer to today's list (the
            # server reloads users.xml by itself within seconds) and publish it.
            write_config "$CH_HTTP_PORT" "$CH_TCP_PORT" "$CLICKHOUSE_PASSWORD"
            grep -v '^CLICKHOUSE_TEST_DATABASES=' "$envfile" > "$envfile.new" || true
            echo "CLICKHOUSE_TEST_DATABASES=$list" >> "$envfile.new"
            chmod 600 "$envfile.new" && mv "$envfile.new" "$envfile"
            sleep 6
        fi
        if ping_ok "$CH_HTTP_PORT"; then
            echo "clickhouse: already running (pid $(cat "$pidfile"), $CLICKHOUSE_HOST)" >&2
            echo "$envfile"
            return 0
        fi
    fi
    command -v clickhouse-server >/dev/null || [ -x /usr/sbin/clickhouse-server ] || "$root/scripts/install-deps.sh" >&2
    mkdir -p "$dir"
    local http_port tcp_port password
    if [ -f "$envfile" ]; then
        # Keep the password and ports of an earlier start when the ports are still free.
        # shellcheck disable=SC1090
        . "$envfile"
        password="$CLICKHOUSE_PASSWORD"
        http_port="$CH_HTTP_PORT"; tcp_port="$CH_TCP_PORT"
        # A restart keeps its address, so clients that outlive it reconnect.
        port_is_free "$http_port" || http_port=$(free_port)
        port_is_free "$tcp_port" || tcp_port=$(free_port)
    else
        password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=' )"
        http_port=$(free_port); tcp_port=$(free_port)
    fi
    while [ "$tcp_port" = "$http_port" ]; do tcp_port=$(free_port); done
    write_config "$http_port" "$tcp_port" "$password"
    cat > "$envfile" <<ENV
CLICKHOUSE_HOST=http://127.0.0.1:$http_port
CLICKHOUSE_USER=etl_writer
CLICKHOUSE_PASSWORD=$password
CLICKHOUSE_DB=zakaz
CH_HTTP_PORT=$http_port
CH_TCP_PORT=$tcp_port
CLICKHOUSE_TEST_DATABASES=$(test_databases | tr ' ' ',')
ENV
    chmod 600 "$envfile"
    local server=/usr/sbin/clickhouse-server
    [ -x "$server" ] || server="$(command -v clickhouse-server)"
    rm -f "$pidfile"
    # Every descriptor redirected and the shell replaced by the server: nothing may keep the
    # caller's stdout open, or `$(scripts/clickhouse.sh start)` would wait for the server to exit.
    (cd "$dir" && exec nohup "$server" --config-file="$dir/config.xml") </dev/null >"$dir/log/stdout.log" 2>&1 &
    for _ in $(seq 1 100); do
        if ping_ok "$http_port"; then
            # The launcher's $! can be a short-lived wrapper: record the server's own PID,
            # found by its config path, which is unique to this folder.
            pgrep -o -f -- "--config-file=$dir/config.xml" > "$pidfile"
            echo "clickhouse: started (pid $(cat "$pidfile"), http://127.0.0.1:$http_port)" >&2
            echo "$envfile"
            return 0
        fi
        sleep 0.2
    done
    echo "clickhouse: failed to start; see $dir/log/" >&2
    tail -20 "$dir/log/stdout.log" "$dir/log/error.log" >&2 2>/dev/null || true
    return 1
}

stop() {
    if running; then
        local pid; pid=$(cat "$pidfile")
        kill "$pid"
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        echo "clickhouse: stopped (pid $pid)" >&2
    else
        echo "clickhouse: not running" >&2
    fi
    rm -f "$pidfile"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if running; then echo "running (pid $(cat "$pidfile"))"; else echo "stopped"; exit 1; fi ;;
    env) echo "$envfile" ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
