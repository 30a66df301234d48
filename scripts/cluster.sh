#!/usr/bin/env bash
# A replicated ClickHouse 18.16 cluster on loopback, for the cluster suite: one ZooKeeper and
# two clickhouse-server replicas of one shard (cluster `qt`), from Debian's packages.
#
#   scripts/cluster.sh start             start all three (or find them running), print the env file
#   scripts/cluster.sh stop              stop everything this script started, by PID
#   scripts/cluster.sh status            say what runs (exit 1 unless all three do)
#   scripts/cluster.sh env               print the env file path
#   scripts/cluster.sh stop-replica N    stop replica N (1 or 2)      start-replica N   start it again
#   scripts/cluster.sh stop-zookeeper    stop ZooKeeper               start-zookeeper   start it again
#
# State lives in $QT_CLUSTER_DIR (default .local/cluster in the repository): zk/, n1/, n2/,
# each with its config, data, logs and a pidfile; nothing touches a system service.
# The env file names replica 1 as CLICKHOUSE_HOST (the replica a run pins) and both
# replicas' URLs, the cluster's name (CLICKHOUSE_CLUSTER) and every port; `env.n2` beside it
# is the same with replica 2 as CLICKHOUSE_HOST.
#
# Start order matters on 18.16 (/work/shared/clickhouse-cluster-notes.md, trap 5): a server
# started before ZooKeeper accepts sessions crashes on its first ON CLUSTER query, or refuses
# to start once it has replicated tables. So ZooKeeper is started first and waited for until
# `srvr` says `Mode: standalone` (`ruok` answers before sessions are accepted); a server counts
# as ready only once `system.zookeeper` answers through it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${QT_CLUSTER_DIR:-$root/.local/cluster}"
envfile="$dir/env"
cluster=qt
# shellcheck source=lib/clickhouse-users.sh
. "$root/scripts/lib/clickhouse-users.sh"
# shellcheck source=lib/clickhouse-server-config.sh
. "$root/scripts/lib/clickhouse-server-config.sh"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# The databases the ingester's user may use: the demo's and 16 scratch names for the cluster
# suite, named like scripts/clickhouse.sh's (Tests/TestSupport/DatabasePool.swift leases them).
test_databases() {
    local names=(zakaz)
    for i in $(seq -w 0 15); do names+=("qt_t$i"); done
    echo "${names[*]}"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Sends a ZooKeeper four-letter word and prints the answer.
zk_word() {
    python3 - "$ZK_PORT" "$1" <<'PY' 2>/dev/null
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
    s.sendall(sys.argv[2].encode()); data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk: break
        data += chunk
    print(data.decode(errors="replace"))
except OSError:
    pass
PY
}

zk_serving() { zk_word srvr | grep -q '^Mode: standalone'; }

node_http_port() { if [ "$1" = 1 ]; then echo "$CH1_HTTP_PORT"; else echo "$CH2_HTTP_PORT"; fi; }

# A replica is ready when it answers and has a ZooKeeper session.
node_ready() {
    local port; port=$(node_http_port "$1")
    [ "$(curl -s --max-time 2 "http://127.0.0.1:$port/" --data-binary "SELECT count() > 0 FROM system.zookeeper WHERE path = '/'" 2>/dev/null)" = "1" ]
}

write_zookeeper() {
    mkdir -p "$dir/zk/data" "$dir/zk/log"
    cat > "$dir/zk/zoo.cfg" <<CFG
tickTime=500
initLimit=10
syncLimit=5
dataDir=$dir/zk/data
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr,stat,mntr,cons
CFG
}

write_node() {
    local n="$1" http="$2" tcp="$3" inter="$4" ndir="$dir/n$1"
    write_server_xml "$ndir" "$http" "$tcp" "
    <interserver_http_port>$inter</interserver_http_port>
    <interserver_http_host>127.0.0.1</interserver_http_host>
    <zookeeper>
        <node index=\"1\"><host>127.0.0.1</host><port>$ZK_PORT</port></node>
        <session_timeout_ms>10000</session_timeout_ms>
        <operation_timeout_ms>5000</operation_timeout_ms>
    </zookeeper>
    <remote_servers>
        <$cluster>
            <shard>
                <internal_replication>true</internal_replication>
                <replica><host>127.0.0.1</host><port>$CH1_TCP_PORT</port><user>etl_writer</user><password>$CLICKHOUSE_PASSWORD</password></replica>
                <replica><host>127.0.0.1</host><port>$CH2_TCP_PORT</port><user>etl_writer</user><password>$CLICKHOUSE_PASSWORD</password></replica>
            </shard>
        </$cluster>
    </remote_servers>
    <macros><shard>01</shard><replica>n$n</replica></macros>
    <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>"
    write_users_xml "$ndir/users.xml" "$CLICKHOUSE_PASSWORD" "$(test_databases)" \
        "<distributed_ddl_task_timeout>30</distributed_ddl_task_timeout>"
}

start_zookeeper() {
    if alive "$dir/zk/pid" && zk_serving; then return 0; fi
    local classpath=/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar
    [ -f /usr/share/java/zookeeper.jar ] || "$root/scripts/install-deps.sh" >&2
    # setsid + every descriptor redirected: `$(scripts/cluster.sh start)` must not wait for it.
    (cd "$dir/zk" && exec setsid java -Xms64m -Xmx128m -XX:+UseSerialGC -cp "$classpath" \
        org.apache.zookeeper.server.ZooKeeperServerMain "$dir/zk/zoo.cfg") </dev/null >"$dir/zk/log/stdout.log" 2>&1 &
    echo $! > "$dir/zk/pid"
    for _ in $(seq 1 150); do
        if zk_serving; then echo "cluster: zookeeper serving (pid $(cat "$dir/zk/pid"), port $ZK_PORT)" >&2; return 0; fi
        sleep 0.1
    done
    echo "cluster: zookeeper did not start; see $dir/zk/log/" >&2
    tail -20 "$dir/zk/log/stdout.log" >&2 || true
    return 1
}

start_node() {
    local n="$1" ndir="$dir/n$1"
    if alive "$ndir/pid" && node_ready "$n"; then return 0; fi
    zk_serving || { echo "cluster: zookeeper is not serving; a replica started now would crash (start-zookeeper first)" >&2; return 1; }
    local server=/usr/sbin/clickhouse-server
    [ -x "$server" ] || server="$(command -v clickhouse-server)"
    (cd "$ndir" && exec setsid "$server" --config-file="$ndir/config.xml") </dev/null >"$ndir/log/stdout.log" 2>&1 &
    for _ in $(seq 1 150); do
        if node_ready "$n"; then
            # The launcher's $! may be a wrapper: the server's own PID, by its unique config path.
            pgrep -o -f -- "--config-file=$ndir/config.xml" > "$ndir/pid"
            echo "cluster: replica $n ready (pid $(cat "$ndir/pid"), http://127.0.0.1:$(node_http_port "$n"))" >&2
            return 0
        fi
        sleep 0.2
    done
    echo "cluster: replica $n did not start; see $ndir/log/" >&2
    tail -20 "$ndir/log/stdout.log" "$ndir/log/error.log" >&2 2>/dev/null || true
    return 1
}

# Stops the process in pidfile $1 (SIGTERM, then SIGKILL after 10 s).
stop_pid() {
    local pidfile="$1" what="$2"
    if alive "$pidfile"; then
        local pid; pid=$(cat "$pidfile")
        kill "$pid"
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        echo "cluster: $what stopped (pid $pid)" >&2
    fi
    rm -f "$pidfile"
}

load_env() {
    [ -f "$envfile" ] || { echo "cluster: not configured ($envfile missing): run scripts/cluster.sh start" >&2; exit 1; }
    # shellcheck disable=SC1090
    . "$envfile"
}

configure() {
    command -v clickhouse-server >/dev/null || [ -x /usr/sbin/clickhouse-server ] || "$root/scripts/install-deps.sh" >&2
    [ -f /usr/share/java/zookeeper.jar ] || "$root/scripts/install-deps.sh" >&2
    mkdir -p "$dir"
    if [ -f "$envfile" ]; then load_env; return 0; fi
    CLICKHOUSE_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    # Seven distinct free ports (a port handed out twice would make a server fail to bind).
    local ports=() p
    while [ ${#ports[@]} -lt 7 ]; do
        p=$(free_port)
        case " ${ports[*]} " in *" $p "*) ;; *) ports+=("$p") ;; esac
    done
    ZK_PORT=${ports[0]}
    CH1_HTTP_PORT=${ports[1]}; CH1_TCP_PORT=${ports[2]}; CH1_INTERSERVER_PORT=${ports[3]}
    CH2_HTTP_PORT=${ports[4]}; CH2_TCP_PORT=${ports[5]}; CH2_INTERSERVER_PORT=${ports[6]}
    cat > "$envfile" <<ENV
CLICKHOUSE_HOST=http://127.0.0.1:$CH1_HTTP_PORT
CLICKHOUSE_USER=etl_writer
CLICKHOUSE_PASSWORD=$CLICKHOUSE_PASSWORD
CLICKHOUSE_DB=zakaz
CLICKHOUSE_CLUSTER=$cluster
CLUSTER_REPLICA1_URL=http://127.0.0.1:$CH1_HTTP_PORT
CLUSTER_REPLICA2_URL=http://127.0.0.1:$CH2_HTTP_PORT
ZK_PORT=$ZK_PORT
CH1_HTTP_PORT=$CH1_HTTP_PORT
CH1_TCP_PORT=$CH1_TCP_PORT
CH1_INTERSERVER_PORT=$CH1_INTERSERVER_PORT
CH2_HTTP_PORT=$CH2_HTTP_PORT
CH2_TCP_PORT=$CH2_TCP_PORT
CH2_INTERSERVER_PORT=$CH2_INTERSERVER_PORT
CLICKHOUSE_TEST_DATABASES=$(test_databases | tr ' ' ',')
ENV
    chmod 600 "$envfile"
    # The same for a run pinned to replica 2 (a second host's runs, in the cluster suite).
    sed "s|^CLICKHOUSE_HOST=.*|CLICKHOUSE_HOST=http://127.0.0.1:$CH2_HTTP_PORT|" "$envfile" > "$envfile.n2"
    chmod 600 "$envfile.n2"
}

start() {
    configure
    write_zookeeper
    write_node 1 "$CH1_HTTP_PORT" "$CH1_TCP_PORT" "$CH1_INTERSERVER_PORT"
    write_node 2 "$CH2_HTTP_PORT" "$CH2_TCP_PORT" "$CH2_INTERSERVER_PORT"
    start_zookeeper
    start_node 1
    start_node 2
    echo "$envfile"
}

stop() {
    [ -f "$envfile" ] || { echo "cluster: not running" >&2; return 0; }
    load_env
    # Servers first: a server that loses ZooKeeper while running only turns read-only, but
    # stopping them first avoids minutes of reconnect noise in their logs.
    stop_pid "$dir/n1/pid" "replica 1"
    stop_pid "$dir/n2/pid" "replica 2"
    stop_pid "$dir/zk/pid" "zookeeper"
}

status() {
    [ -f "$envfile" ] || { echo "stopped"; return 1; }
    load_env
    local ok=0
    if alive "$dir/zk/pid" && zk_serving; then echo "zookeeper: serving (port $ZK_PORT)"; else echo "zookeeper: stopped"; ok=1; fi
    for n in 1 2; do
        if alive "$dir/n$n/pid" && node_ready "$n"; then echo "replica $n: ready (http://127.0.0.1:$(node_http_port "$n"))"
        elif alive "$dir/n$n/pid"; then echo "replica $n: running, no ZooKeeper session"; ok=1
        else echo "replica $n: stopped"; ok=1; fi
    done
    return $ok
}

replica_arg() {
    case "${1:-}" in 1|2) echo "$1" ;; *) echo "usage: $0 stop-replica|start-replica 1|2" >&2; exit 2 ;; esac
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    env) echo "$envfile" ;;
    stop-replica) n=$(replica_arg "${2:-}"); load_env; stop_pid "$dir/n$n/pid" "replica $n" ;;
    start-replica) n=$(replica_arg "${2:-}"); load_env; start_node "$n" ;;
    stop-zookeeper) load_env; stop_pid "$dir/zk/pid" "zookeeper" ;;
    start-zookeeper) load_env; start_zookeeper ;;
    *) echo "usage: $0 start|stop|status|env|stop-replica N|start-replica N|stop-zookeeper|start-zookeeper" >&2; exit 2 ;;
esac
