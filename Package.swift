// swift-tools-version:6.1
import PackageDescription

// One module per concern; arrows point one way:
//   qtickets-ingest → Ingest → {QTicketsAPI, ClickHouseHTTP}
//   qtickets-fake   → QTicketsFake (independent of QTicketsAPI's models on purpose)
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "qtickets-ingest",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "qtickets-ingest", targets: ["qtickets-ingest"]),
        .executable(name: "qtickets-fake", targets: ["qtickets-fake"]),
        .library(name: "ClickHouseHTTP", targets: ["ClickHouseHTTP"]),
        .library(name: "QTicketsAPI", targets: ["QTicketsAPI"]),
        .library(name: "QTicketsFake", targets: ["QTicketsFake"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        // Test and benchmark data for the writer (not used by the product).
        .library(name: "ClickHouseHTTPFixtures", targets: ["ClickHouseHTTPFixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already a dependency of async-http-client; named here for TLSConfiguration (CA file).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Building blocks both HTTP clients share (backoff, secrets, service URLs), so neither
        // client imports the other.
        .target(name: "ClientSupport", swiftSettings: strict),
        // zlib through the system library (zlib1g-dev): gzip for INSERT bodies.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "ClickHouseHTTP",
            dependencies: [
                "CZlib",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "QTicketsAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "QTicketsFake",
            dependencies: [
                "CZlib",  // gzip responses (Accept-Encoding: gzip)
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Ingest",
            dependencies: [
                "ClickHouseHTTP",
                "QTicketsAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "qtickets-ingest",
            dependencies: [
                "Ingest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "qtickets-fake",
            dependencies: [
                "QTicketsFake",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Decoding throughput of order pages vs Python's json.loads (scripts/bench-decode.sh).
        .executableTarget(
            name: "qtickets-bench-decode",
            dependencies: ["QTicketsAPI", "QTicketsFake", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(name: "ClickHouseHTTPFixtures", dependencies: ["ClickHouseHTTP"], swiftSettings: strict),
        // scripts/bench-writer.sh: the writer side of the writer-vs-curl benchmark.
        .executableTarget(
            name: "qtickets-bench-writer",
            dependencies: [
                "ClickHouseHTTP",
                "ClickHouseHTTPFixtures",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // What every test target shares: the repository root, the golden samples, the real
        // ClickHouse's env file.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "ClientSupportTests", dependencies: ["ClientSupport"], swiftSettings: strict),
        .testTarget(
            name: "ClickHouseHTTPTests",
            dependencies: [
                "ClickHouseHTTP", "ClickHouseHTTPFixtures", "CZlib",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "QTicketsAPITests", dependencies: ["QTicketsAPI", "QTicketsFake"], swiftSettings: strict),
        .testTarget(
            name: "QTicketsFakeTests",
            dependencies: ["QTicketsFake", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["Ingest", "QTicketsFake", "ClickHouseHTTP", "QTicketsAPI"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
