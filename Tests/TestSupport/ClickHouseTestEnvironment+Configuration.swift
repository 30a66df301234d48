import ClickHouseHTTP
import ClientSupport

extension ClickHouseTestEnvironment {
    /// A client configuration for this server: its writer user (`etl_writer`), or the
    /// password-less `default` user with `admin`. An empty `database` sends no `?database=`
    /// (statements name `db.table`, and the database may not exist yet).
    public func configuration(
        database: String = "", admin: Bool = false, password: String? = nil,
        connectTimeout: Duration = .seconds(2), requestTimeout: Duration = .seconds(30)
    ) throws -> ClickHouseConfiguration {
        ClickHouseConfiguration(
            url: try ServiceURL(url), user: admin ? "default" : user,
            password: Secret(admin ? "" : (password ?? self.password)), database: database,
            connectTimeout: connectTimeout, requestTimeout: requestTimeout)
    }
}
