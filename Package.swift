// swift-tools-version:6.1
import PackageDescription

/// tierd: a service-policy engine daemon for insurance branches.
///
/// Targets have one job each; dependencies point down only:
/// CLibPQ → TierStore → TierCluster / TierSynthetic / TierImport → tierd;
/// TierPolicy stands alone (no I/O).
let package = Package(
    name: "tierd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tierd", targets: ["tierd"]),
        .library(name: "TierStore", targets: ["TierStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
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
                "TierCalendar",
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
        .target(name: "TierTestSupport", dependencies: ["TierStore", "TierCluster"]),
        // The daemon's command line.
        .executableTarget(
            name: "tierd",
            dependencies: [
                "TierStore", "TierCluster", "TierSynthetic", "TierImport", "TierPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "TierPolicyTests", dependencies: ["TierPolicy"]),
        .testTarget(name: "TierStoreTests", dependencies: ["TierStore", "TierTestSupport"]),
        .testTarget(name: "TierSchemaTests", dependencies: ["TierStore", "TierTestSupport"]),
        .testTarget(name: "TierClusterTests", dependencies: ["TierCluster"]),
        .testTarget(name: "TierSyntheticTests", dependencies: ["TierSynthetic", "TierTestSupport"]),
        .testTarget(name: "TierImportTests", dependencies: ["TierImport", "TierTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
