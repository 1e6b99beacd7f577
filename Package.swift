// swift-tools-version:6.1
import PackageDescription

/// tierd: a service-policy engine daemon for insurance branches.
///
/// Targets have one job each; dependencies point down only:
/// CLibPQ → TierStore → TierCluster / TierSynthetic / TierImport → tierd;
/// TierPolicy stands alone (no I/O); TierWire (the protocol) → TierServer → tierd,
/// and TierWire → TierClient → tierctl.
let package = Package(
    name: "tierd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tierd", targets: ["tierd"]),
        .executable(name: "tierctl", targets: ["tierctl"]),
        .executable(name: "tierbench", targets: ["tierbench"]),
        .library(name: "TierStore", targets: ["TierStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // libpq, Debian's libpq-dev.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Calendar arithmetic on day numbers, shared by the store and the policy engine.
        .target(name: "TierCalendar"),
        // A lock the sanitizers can see (pthread), for state shared between threads.
        .target(name: "TierSync"),
        // The policy language and engine: pure Swift, no I/O.
        .target(
            name: "TierPolicy",
            dependencies: [
                "TierCalendar",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The PostgreSQL layer: connections, values, transactions, pool, COPY,
        // streaming, LISTEN/NOTIFY, migrations.
        .target(
            name: "TierStore",
            dependencies: [
                "CLibPQ",
                "TierCalendar", "TierSync",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // A private PostgreSQL cluster in a data directory (initdb, pg_ctl).
        .target(
            name: "TierCluster",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        // The deterministic synthetic branch generator.
        .target(name: "TierSynthetic", dependencies: ["TierStore"]),
        // CSV import of real customers and policies.
        .target(name: "TierImport", dependencies: ["TierStore"]),
        // A throwaway cluster and fresh databases for tests.
        .target(name: "TierTestSupport", dependencies: ["TierStore", "TierCluster", "TierSync"]),
        // Protocol v1 on the wire: size-capped line framing, JSON-RPC 2.0 envelopes,
        // error codes, and every method's params and result types.
        .target(
            name: "TierWire",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")]
        ),
        // A protocol v1 client over TCP, Unix sockets and TLS (tierctl, tests, bench).
        .target(
            name: "TierClient",
            dependencies: [
                "TierWire", "TierSync",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The daemon: listeners, sessions and roles, method handlers, the decision log.
        .target(
            name: "TierServer",
            dependencies: [
                "TierWire", "TierStore", "TierPolicy", "TierCalendar", "TierSync",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The daemon's command line.
        .executableTarget(
            name: "tierd",
            dependencies: [
                "TierStore", "TierCluster", "TierSynthetic", "TierImport", "TierPolicy", "TierServer", "TierWire", "TierClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The client command line for people and scripts.
        .executableTarget(
            name: "tierctl",
            dependencies: [
                "TierClient", "TierWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark's parts without I/O: customer skew, request mix, reply scanning,
        // latency recording (bench/).
        .target(
            name: "TierBenchKit",
            dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")],
            path: "bench/TierBenchKit"
        ),
        // The load generator and the evaluation benchmark (bench/run drives it).
        .executableTarget(
            name: "tierbench",
            dependencies: [
                "TierBenchKit", "TierServer", "TierPolicy", "TierStore", "TierWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "bench/tierbench"
        ),
        // Fuzz targets for the frame decoder and JSON-RPC parser, the expression parser
        // and the policy loader (scripts/fuzz; the corpus is replayed by TierFuzzTests).
        .target(
            name: "TierFuzzTargets",
            dependencies: [
                "TierWire", "TierPolicy",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "tierfuzz", dependencies: ["TierFuzzTargets"]),
        .testTarget(name: "TierFuzzTests", dependencies: ["TierFuzzTargets"]),
        .testTarget(name: "TierBenchTests", dependencies: ["TierBenchKit"]),
        .testTarget(name: "TierPolicyTests", dependencies: ["TierPolicy"]),
        .testTarget(name: "TierStoreTests", dependencies: ["TierStore", "TierTestSupport", "TierSync"]),
        .testTarget(name: "TierSchemaTests", dependencies: ["TierStore", "TierTestSupport"]),
        .testTarget(name: "TierClusterTests", dependencies: ["TierCluster"]),
        .testTarget(name: "TierSyntheticTests", dependencies: ["TierSynthetic", "TierTestSupport"]),
        .testTarget(name: "TierImportTests", dependencies: ["TierImport", "TierTestSupport"]),
        .testTarget(
            name: "TierWireTests",
            dependencies: [
                "TierWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "TierServerTests",
            dependencies: [
                "TierServer", "TierClient", "TierWire", "TierStore", "TierPolicy", "TierSynthetic",
                "TierTestSupport", "TierSync",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
