// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in a package of their own so the main build and `swift test` never compile
// package-benchmark. Run: swift package --package-path Benchmarks benchmark
let package = Package(
    name: "qtickets-ingest-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, because a path dependency is otherwise identified by its folder name.
        .package(name: "qtickets-ingest", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "WriterBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ClickHouseHTTP", package: "qtickets-ingest"),
                .product(name: "ClickHouseHTTPFixtures", package: "qtickets-ingest"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/WriterBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Order-page decoding (QTicketsAPI); Sources/qtickets-bench-decode's generator, linked.
        .executableTarget(
            name: "DecodeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "QTicketsAPI", package: "qtickets-ingest"),
            ],
            path: "Benchmarks/DecodeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
