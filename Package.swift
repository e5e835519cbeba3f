// swift-tools-version: 6.1
import PackageDescription

/// Sluice: a Lambda custom runtime, a DynamoDB-compatible table, a Parquet lake and the local stack that runs them.
let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["SluiceCLI"]),
        .executable(name: "Hello", targets: ["Hello"]),
        .library(name: "LambdaRuntime", targets: ["LambdaRuntime"]),
        .library(name: "LambdaEvents", targets: ["LambdaEvents"]),
        .library(name: "DynamoModel", targets: ["DynamoModel"]),
        .library(name: "DynamoAPI", targets: ["DynamoAPI"]),
        .library(name: "TableEngine", targets: ["TableEngine"]),
        .library(name: "DynamoClient", targets: ["DynamoClient"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "SluiceJSON", targets: ["SluiceJSON"]),
        .library(name: "Lake", targets: ["Lake"]),
        .library(name: "StreamMapping", targets: ["StreamMapping"]),
        .executable(name: "LakeETL", targets: ["LakeETL"]),
        .library(name: "TaskDomain", targets: ["TaskDomain"]),
        .executable(name: "UsersAPI", targets: ["UsersAPI"]),
        .executable(name: "TasksAPI", targets: ["TasksAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: Runtime libraries (what goes into a bootstrap: no Foundation, no NIO)
        .target(
            name: "LambdaRuntime",
            dependencies: ["SluiceJSON", "SluiceHTTP", "CGlibcCompat", .product(name: "Logging", package: "swift-log")],
            path: "Runtime/LambdaRuntime"),
        // A small blocking HTTP/1.1 keep-alive client for local plain-HTTP peers (the Runtime API, local table endpoints).
        .target(name: "SluiceHTTP", path: "Runtime/HTTPClient"),
        // Keeps bootstraps built on glibc >= 2.35 loadable on provided.al2023 (glibc 2.34): see its header.
        .target(name: "CGlibcCompat", path: "Runtime/CGlibcCompat"),
        .target(name: "SluiceJSON", path: "Runtime/JSON"),
        // UTC calendar arithmetic without Foundation (dates of epoch times and back).
        .target(name: "SluiceTime", path: "Runtime/Time"),
        .target(name: "DynamoModel", dependencies: ["SluiceJSON"], path: "Runtime/DynamoModel"),
        .target(name: "LambdaEvents", dependencies: ["DynamoModel", "SluiceJSON"], path: "Runtime/LambdaEvents"),
        // DynamoDB's JSON API as Codable inputs/outputs and the `DynamoDBService` protocol (no Foundation).
        .target(name: "DynamoAPI", dependencies: ["DynamoModel"], path: "Runtime/DynamoAPI"),
        // DynamoDB/Streams over HTTP(S): libcurl for https, dlopen'ed on the first such request (never linked at load time); SluiceHTTP for http.
        .target(name: "CCurlLoader", path: "Runtime/DynamoClient/CCurlLoader", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "DynamoClient", dependencies: ["CCurlLoader", "SluiceHTTP", "DynamoAPI", "DynamoModel", "SluiceJSON", "SluiceCrypto"],
            path: "Runtime/DynamoClient", exclude: ["CCurlLoader"]),
        // Sample events for `sluice generate-event` and tests (uses Foundation's Date: kept out of bootstraps).
        .target(name: "EventSamples", dependencies: ["LambdaEvents", "DynamoModel", "SluiceTime"], path: "Runtime/EventSamples"),

        // MARK: Lake (Parquet files written by our own code)
        .systemLibrary(
            name: "CZstd", path: "Runtime/Lake/CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CSnappy", path: "Runtime/Lake/CSnappy",
            providers: [.apt(["libsnappy-dev"])]),
        // Snappy is linked statically (`-l:libsnappy.a`, see CSnappy's module map): provided.al2023 has no libsnappy.so.1.
        .target(
            name: "Parquet", dependencies: ["CZstd", "CSnappy"], path: "Runtime/Lake/Parquet",
            linkerSettings: [
                .linkedLibrary(":libsnappy.a", .when(platforms: [.linux])), .linkedLibrary("stdc++", .when(platforms: [.linux])),
                .linkedLibrary("snappy", .when(platforms: [.macOS]))]),
        // Lake layout, manifests, schema files, compaction, snapshots over stream records (no Foundation).
        // Storage: a folder, or an S3 bucket through DynamoClient's S3Client (same libcurl + SigV4 transport).
        .target(name: "Lake", dependencies: ["Parquet", "DynamoModel", "SluiceTime", "DynamoClient"], path: "Runtime/Lake/LakeStore"),
        // SQL over the lake's datasets (`sluice lake query`).
        .target(name: "LakeQuery", dependencies: ["Parquet"], path: "Runtime/Lake/LakeQuery"),

        // MARK: Crypto (OpenSSL's libcrypto: SHA-256, HMAC for JWTs and SigV4)
        .systemLibrary(
            name: "CLibCrypto", path: "Runtime/Crypto/CLibCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .target(name: "SluiceCrypto", dependencies: ["CLibCrypto", "SluiceJSON", "SluiceTime"], path: "Runtime/Crypto/SluiceCrypto"),

        // MARK: Local tooling (never linked into a bootstrap)
        .systemLibrary(
            name: "CSQLite", path: "Runtime/TableEngine/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "TableEngine",
            dependencies: ["DynamoAPI", "DynamoModel", "SluiceJSON", "SluiceTemplate", "SluiceTime", "CSQLite", "CBatchedWAL"],
            path: "Runtime/TableEngine", exclude: ["CSQLite", "CBatchedWAL"]),
        // A SQLite VFS shim that writes each commit's WAL frames with one pwrite (the writer connection's).
        .target(name: "CBatchedWAL", dependencies: ["CSQLite"], path: "Runtime/TableEngine/CBatchedWAL"),
        // Embedded engine unless an endpoint points elsewhere (then DynamoClient).
        .target(name: "TableBackend", dependencies: ["TableEngine", "DynamoClient", "DynamoAPI"], path: "Runtime/TableBackend"),
        .target(name: "CSpawn", path: "Runtime/CSpawn"),
        .target(
            name: "SluiceTemplate",
            dependencies: [.product(name: "Yams", package: "Yams")],
            path: "Runtime/Template"),
        .target(
            name: "LocalHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Runtime/LocalHTTP"),
        .target(
            name: "DynamoServer",
            dependencies: ["DynamoAPI", "DynamoModel", "SluiceJSON", "SluiceCrypto", "LocalHTTP"],
            path: "Runtime/DynamoServer"),
        .target(
            name: "Emulator",
            dependencies: [
                "SluiceTemplate", "CSpawn", "SluiceJSON", "LambdaEvents", "SluiceCrypto", "LocalHTTP", "SluiceTime",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Runtime/Emulator"),
        // Lambda's event-source mapping for DynamoDB streams: pollers, batching, retries, filters, checkpoints.
        .target(
            name: "StreamMapping",
            dependencies: ["TableEngine", "Emulator", "LambdaEvents", "DynamoModel", "SluiceJSON", "SluiceTemplate", "SluiceTime"],
            path: "Runtime/StreamMapping"),
        // `sluice dev`: the whole stack in one process.
        .target(
            name: "LocalStack",
            dependencies: [
                "Emulator", "DynamoServer", "TableEngine", "Lake", "SluiceJSON", "SluiceTemplate", "LocalHTTP", "StreamMapping",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Runtime/LocalStack"),
        // `sluice package`: release bootstraps checked against provided.al2023, zipped, and a packaged template.
        .systemLibrary(name: "CZlib", path: "Runtime/Deploy/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Deploy", dependencies: ["CZlib", "SluiceCrypto", "SluiceTemplate", "Emulator"],
            path: "Runtime/Deploy", exclude: ["CZlib"]),
        .executableTarget(
            name: "SluiceCLI",
            dependencies: [
                "Emulator", "SluiceTemplate", "LambdaEvents", "EventSamples", "SluiceCrypto", "SluiceJSON", "Lake", "LakeQuery",
                "DynamoServer", "TableEngine", "DynamoAPI", "LocalHTTP", "LocalStack", "Deploy", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Runtime/SluiceCLI"),

        // MARK: Functions (one executable per Lambda function)
        .executableTarget(name: "Hello", dependencies: ["LambdaRuntime", "LambdaEvents", "SluiceJSON"], path: "Functions/Hello"),
        .executableTarget(
            name: "LakeETL", dependencies: ["Lake", "LambdaRuntime", "LambdaEvents", "DynamoModel", "DynamoClient"], path: "Functions/LakeETL"),
        // Users and tasks: model, validation, repository over `DynamoDBService`, cursors, the HTTP router.
        .target(
            name: "TaskDomain",
            dependencies: ["LambdaRuntime", "LambdaEvents", "DynamoAPI", "DynamoModel", "DynamoClient", "SluiceJSON", "SluiceCrypto"],
            path: "Functions/TaskDomain"),
        .executableTarget(name: "UsersAPI", dependencies: ["TaskDomain", "LambdaRuntime"], path: "Functions/UsersAPI"),
        .executableTarget(name: "TasksAPI", dependencies: ["TaskDomain", "LambdaRuntime"], path: "Functions/TasksAPI"),

        // MARK: Benchmarks (scripts in Benchmarks/ drive these)
        .executableTarget(name: "NoopFunction", dependencies: ["LambdaRuntime"], path: "Benchmarks/NoopFunction"),
        .executableTarget(name: "RuntimeBench", dependencies: ["Emulator", .product(name: "NIOCore", package: "swift-nio")], path: "Benchmarks/RuntimeBench"),
        .executableTarget(name: "ETLBench", dependencies: ["Lake", "LambdaEvents"], path: "Benchmarks/ETLBench"),
        .executableTarget(name: "QueryBench", dependencies: ["LakeQuery", "Parquet", "SluiceTime"], path: "Benchmarks/QueryBench"),
        .executableTarget(name: "ClientBench", dependencies: ["DynamoClient", "DynamoAPI", "DynamoModel"], path: "Benchmarks/ClientBench"),
        .executableTarget(name: "TableBench", dependencies: ["TableEngine", "CSQLite"], path: "Benchmarks/TableBench"),

        // MARK: Tests
        .executableTarget(
            name: "FixtureFunction", dependencies: ["LambdaRuntime", "SluiceJSON"], path: "Tests/Fixtures/FixtureFunction"),
        // Helpers several test targets share: temporary folders, running programs and python3 scripts.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DynamoModelTests", dependencies: ["DynamoModel"], path: "Tests/DynamoModelTests"),
        .testTarget(name: "SluiceJSONTests", dependencies: ["SluiceJSON"], path: "Tests/SluiceJSONTests"),
        .testTarget(name: "DynamoAPITests", dependencies: ["DynamoAPI"], path: "Tests/DynamoAPITests"),
        .executableTarget(name: "TableCrashWriter", dependencies: ["TableEngine"], path: "Tests/Fixtures/TableCrashWriter"),
        // The lake ETL with a fault switch (crash, timeout, throw on a chosen record) for Reliability/faults.py.
        .executableTarget(
            name: "FaultyLakeETL", dependencies: ["Lake", "LambdaRuntime", "LambdaEvents", "SluiceJSON"],
            path: "Tests/Fixtures/FaultyLakeETL"),
        .testTarget(
            name: "TableEngineTests", dependencies: ["TableEngine", "DynamoAPI", "TableCrashWriter"],
            path: "Tests/TableEngineTests"),
        .testTarget(
            name: "LambdaEventsTests", dependencies: ["LambdaEvents", "EventSamples"], path: "Tests/LambdaEventsTests",
            resources: [.copy("Samples")]),
        .testTarget(
            name: "DynamoClientTests", dependencies: ["TestSupport", "DynamoClient", "SluiceHTTP", "TableBackend", "TableEngine", "DynamoAPI", "SluiceCLI"],
            path: "Tests/DynamoClientTests"),
        .testTarget(name: "SluiceCryptoTests", dependencies: ["TestSupport", "SluiceCrypto"], path: "Tests/SluiceCryptoTests"),
        .testTarget(name: "TemplateTests", dependencies: ["SluiceTemplate"], path: "Tests/TemplateTests"),
        .testTarget(
            name: "EmulatorTests",
            dependencies: [
                "Emulator", "LambdaRuntime", "FixtureFunction", "SluiceCrypto", "SluiceJSON", "LocalHTTP",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/EmulatorTests"),
        .testTarget(
            name: "SluiceCLITests", dependencies: ["TestSupport", "SluiceCLI", "LakeETL"], path: "Tests/SluiceCLITests", exclude: ["Peers"]),
        .testTarget(name: "ParquetTests", dependencies: ["TestSupport", "Parquet"], path: "Tests/ParquetTests"),
        .testTarget(
            name: "LakeTests", dependencies: ["TestSupport", "Lake", "Parquet", "DynamoModel", "LambdaEvents", "LakeETL", "DynamoClient", "SluiceCLI"],
            path: "Tests/LakeTests"),
        .testTarget(
            name: "StreamMappingTests",
            dependencies: [
                "StreamMapping", "TableEngine", "DynamoAPI", "DynamoModel", "Emulator", "LambdaEvents", "SluiceJSON",
                "SluiceTemplate", "FixtureFunction",
            ],
            path: "Tests/StreamMappingTests"),
        .testTarget(name: "DeployTests", dependencies: ["TestSupport", "Deploy", "SluiceTemplate", "SluiceCrypto"], path: "Tests/DeployTests"),
        .testTarget(name: "LakeQueryTests", dependencies: ["TestSupport", "LakeQuery", "Parquet"], path: "Tests/LakeQueryTests"),
        .testTarget(
            name: "TaskDomainTests",
            dependencies: ["TaskDomain", "TableEngine", "SluiceTemplate", "DynamoAPI", "DynamoClient", "LambdaEvents", "SluiceJSON", "LakeETL"],
            path: "Tests/TaskDomainTests"),
        // Replays the fuzz corpus and every crash the fuzzers found (Fuzz/); the harness is shared with Fuzz/Package.swift.
        .testTarget(
            name: "FuzzReplayTests", dependencies: ["DynamoModel", "DynamoAPI", "LambdaEvents", "Parquet", "SluiceJSON", "LakeQuery"],
            path: "Tests/FuzzReplayTests"),
        // Short runs of the crash, fault and load drivers in Reliability/ against a real `sluice dev` (they run the
        // built `sluice`, the functions' bootstraps and FaultyLakeETL from .build, so nothing is linked in here).
        .testTarget(name: "ReliabilityTests", path: "Tests/ReliabilityTests"),
    ]
)
