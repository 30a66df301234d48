# Sourced by scripts/clickhouse.sh and scripts/cluster.sh: the users.xml of a test server.
#
# write_users_xml FILE PASSWORD "DATABASES" [PROFILE_XML]
#   `default`: no password, loopback only (the admin the tests use for SYSTEM statements);
#   `etl_writer`: PASSWORD (as sha256; 18.16 has no CREATE USER), loopback only, confined to
#   DATABASES (space-separated; `allow_databases`, any other answers Code 291).
#   PROFILE_XML is added to the default profile (e.g. a cluster's distributed_ddl_task_timeout).
write_users_xml() {
    local file="$1" password="$2" databases="$3" profile_extra="${4:-}"
    local sha allowed="" name
    sha=$(printf '%s' "$password" | sha256sum | cut -d' ' -f1)
    for name in $databases; do allowed+="<database>$name</database>"; done
    cat > "$file" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>$profile_extra
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
        <etl_writer>
            <password_sha256_hex>$sha</password_sha256_hex>
            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
            <allow_databases>$allowed</allow_databases>
            <profile>default</profile>
            <quota>default</quota>
        </etl_writer>
    </users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}
