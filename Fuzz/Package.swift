// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets for Sluice's parsers of untrusted input. Build and run them with `Fuzz/run.sh`.
///
/// The library folders under `Sources/` are symbolic links to the root package's own sources, so the
/// fuzzers test exactly the code that ships without resolving the root package's server dependencies
/// (SwiftNIO, Yams, …) that none of these parsers use. The harness (`Sources/FuzzHarness`) lives in
/// `Tests/FuzzReplayTests/Harness`, where the regular test suite replays the corpus and every crash found.
let package = Package(
    name: "SluiceFuzz",
    products: [
        .executable(name: "FuzzExpression", targets: ["FuzzExpression"]),
        .executable(name: "FuzzDynamoRequest", targets: ["FuzzDynamoRequest"]),
        .executable(name: "FuzzLambdaEvent", targets: ["FuzzLambdaEvent"]),
        .executable(name: "FuzzParquet", targets: ["FuzzParquet"]),
        .executable(name: "FuzzJSON", targets: ["FuzzJSON"]),
        .executable(name: "FuzzSQL", targets: ["FuzzSQL"]),
    ],
    targets: [
        .target(name: "SluiceJSON"),
        .target(name: "DynamoModel", dependencies: ["SluiceJSON"]),
        .target(name: "DynamoAPI", dependencies: ["DynamoModel"]),
        .target(name: "LambdaEvents", dependencies: ["DynamoModel", "SluiceJSON"]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd"),
        .systemLibrary(name: "CSnappy"),
        // Linked as the root package links it (Snappy statically: AL2023 has no libsnappy).
        .target(
            name: "Parquet", dependencies: ["CZstd", "CSnappy"],
            linkerSettings: [
                .linkedLibrary(":libsnappy.a", .when(platforms: [.linux])), .linkedLibrary("stdc++", .when(platforms: [.linux])),
                .linkedLibrary("snappy", .when(platforms: [.macOS]))]),
        .target(name: "LakeQuery", dependencies: ["Parquet"]),
        .target(name: "FuzzHarness", dependencies: ["DynamoModel", "DynamoAPI", "LambdaEvents", "Parquet", "SluiceJSON", "LakeQuery"]),
        // libFuzzer's driver entry, called from each target's `main`.
        .target(name: "FuzzDriver", dependencies: ["FuzzHarness"]),
        .executableTarget(name: "FuzzExpression", dependencies: ["FuzzHarness", "FuzzDriver"], path: "Targets/FuzzExpression"),
        .executableTarget(name: "FuzzDynamoRequest", dependencies: ["FuzzHarness", "FuzzDriver"], path: "Targets/FuzzDynamoRequest"),
        .executableTarget(name: "FuzzLambdaEvent", dependencies: ["FuzzHarness", "FuzzDriver"], path: "Targets/FuzzLambdaEvent"),
        .executableTarget(name: "FuzzParquet", dependencies: ["FuzzHarness", "FuzzDriver"], path: "Targets/FuzzParquet"),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzHarness", "FuzzDriver"], path: "Targets/FuzzJSON"),
        .executableTarget(name: "FuzzSQL", dependencies: ["FuzzHarness", "FuzzDriver"], path: "Targets/FuzzSQL"),
    ]
)
