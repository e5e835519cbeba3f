import DynamoClient
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Lake

/// moto's S3 (the Python peer) on a free loopback port, started once for the lake tests; it runs under a
/// small `sh` watchdog that kills it when the test process is gone.
actor MotoServer {
    static let shared = MotoServer()
    private var endpointTask: Task<String, any Error>?
    private static let output = Mutex("")

    func endpoint() async throws -> String {
        if let endpointTask { return try await endpointTask.value }
        let task = Task { try await Self.start() }
        endpointTask = task
        return try await task.value
    }

    private static func start() async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let watchdog = """
            parent=$1; shift
            "$@" </dev/null & child=$!
            while kill -0 "$parent" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
            kill -9 $child 2>/dev/null
            """
        process.arguments = ["-c", watchdog, "sh", String(ProcessInfo.processInfo.processIdentifier), "python3", "-m", "moto.server", "-p", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; return }
            output.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let pattern = try Regex("Running on http://127\\.0\\.0\\.1:(\\d+)")
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            if let match = output.withLock({ $0 }).firstMatch(of: pattern), let port = match.output[1].substring {
                return "http://127.0.0.1:\(port)"
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw PythonFailure(description: "moto_server did not start (pip install 'moto[server]'): \(output.withLock { $0 })")
    }

    /// The environment S3 clients (ours, boto3, the sluice CLI) need to reach moto.
    static func environment() async throws -> [String: String] {
        [
            "AWS_ENDPOINT_URL_S3": try await shared.endpoint(), "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1",
        ]
    }

    /// A new bucket on moto and a client of it.
    static func bucket() async throws -> (S3Client, String) {
        let client = try S3Client(environment: try await environment())
        let bucket = "lake-" + UUID().uuidString.lowercased().prefix(20)
        try client.createBucket(String(bucket))
        return (client, String(bucket))
    }
}

/// Where a lake test's lake lives: the same suite runs on both.
enum LakeBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case directory, s3
    var testDescription: String { rawValue }

    /// A fresh empty lake: `<tmp>/lake`, or `s3://<new bucket>/lake` on moto.
    func lake(_ options: LakeOptions = .init()) async throws -> LakeStore {
        switch self {
        case .directory: return try Support.lake(options)
        case .s3:
            let (client, bucket) = try await MotoServer.bucket()
            return LakeStore(storage: try S3LakeStorage(client: client, bucket: bucket, prefix: "lake"), options: options)
        }
    }

    /// Every object key of the lake's bucket or folder (relative to the bucket or the lake's parent folder).
    static func allKeys(_ lake: LakeStore) throws -> [String] {
        if let s3 = lake.storage as? S3LakeStorage {
            return try s3.client.listAllObjects(bucket: s3.bucket).objects.map(\.key)
        }
        let parent = (lake.root as NSString).deletingLastPathComponent
        return Support.allFiles(parent)
    }

    /// The lake as a local folder (downloaded with boto3 from S3) for DuckDB and pyarrow.
    static func localCopy(_ lake: LakeStore) async throws -> String {
        guard let s3 = lake.storage as? S3LakeStorage else { return lake.root }
        let folder = try temporaryFolder("sluice-lake") + "/lake"
        let environment = try await MotoServer.environment()
        _ = try python("""
            import sys, os, boto3
            s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1',
                              aws_access_key_id='AKIDTEST', aws_secret_access_key='testing')
            bucket, prefix, out = sys.argv[2], sys.argv[3] + '/', sys.argv[4]
            for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=prefix):
                for o in page.get('Contents', []):
                    path = os.path.join(out, o['Key'][len(prefix):])
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    s3.download_file(bucket, o['Key'], path)
            """, [environment["AWS_ENDPOINT_URL_S3"]!, s3.bucket, s3.prefix, folder])
        return folder
    }
}

/// Runs `body(0..<count)` on threads of their own (blocking storage calls stay off Swift's cooperative
/// pool) and returns the results in order once all have finished.
func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) async -> [T] {
    await withCheckedContinuation { continuation in
        let results = Mutex<[Int: T]>([:])
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                let result = body(index)
                results.withLock { $0[index] = result }
                group.leave()
            }.start()
        }
        group.notify(queue: .global()) {
            continuation.resume(returning: results.withLock { done in (0..<count).map { done[$0]! } })
        }
    }
}
