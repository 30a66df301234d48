# Sourced by scripts/clickhouse.sh and scripts/cluster.sh: the config.xml of a test server.
#
# write_server_xml DIR HTTP_PORT TCP_PORT [EXTRA_XML]
#   A loopback-only 18.16 server whose data, logs and users.xml live under DIR (created here);
#   EXTRA_XML goes inside <yandex> as it is (a cluster's interserver port, ZooKeeper, macros,
#   remote_servers, distributed_ddl). The file is mode 0600: a cluster's remote_servers holds
#   the password.
write_server_xml() {
    local dir="$1" http_port="$2" tcp_port="$3" extra="${4:-}"
    mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/log" "$dir/format_schemas"
    cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog><size>100M</size><count>2</count></logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$http_port</http_port>
    <tcp_port>$tcp_port</tcp_port>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <user_files_path>$dir/user_files/</user_files_path>
    <format_schema_path>$dir/format_schemas/</format_schema_path>
    <users_config>$dir/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <keep_alive_timeout>60</keep_alive_timeout>
    <max_concurrent_queries>100</max_concurrent_queries>
    <mark_cache_size>268435456</mark_cache_size>
    <mlock_executable>false</mlock_executable>$extra
</yandex>
XML
    chmod 600 "$dir/config.xml"
}
