import Parquet

/// Where a compaction is (for a progress bar), reported before each step.
public struct CompactionProgress: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        /// Reading a source file (path relative to the dataset folder).
        case reading(String)
        /// Writing a new file.
        case writing(String)
        /// Every new file is durable; the manifest still lists the old ones.
        case wroteNewFiles
        /// The manifest lists the new files instead of the old ones; the old files are still on disk.
        case swappedManifest
        /// The old files are deleted: done.
        case deletedOldFiles
    }
    public var step: Step
    /// Work done and total, in source bytes (each byte counts once read and once written).
    public var done: Int
    public var total: Int

    /// Fraction done, 0…1.
    public var fraction: Double { total == 0 ? 1 : Double(done) / Double(total) }
}

/// What a compaction did.
public struct CompactionResult: Sendable, Hashable {
    public var removed: [LakeFile]
    public var added: [LakeFile]
    /// The manifest generation that made the swap (unchanged when there was nothing to do).
    public var generation: Int
}

/// Marks an error thrown by the progress callback: the operation stops where it is, with no clean-up,
/// just like a crash at that point.
private struct CallbackStop: Error {
    var underlying: any Error
}

extension LakeStore {
    /// Merges a partition's files smaller than `targetBytes` into files near `targetBytes`.
    ///
    /// Steps: read the small files (union of columns by name), write the new files
    /// (`part-<first>-<last>-c<generation>.parquet`, temp + fsync + rename), swap the manifest atomically
    /// (new files in, old out), delete the old files. A crash before the swap leaves the old set listed
    /// (the new files are unlisted orphans); after it, the new set (the old files are orphans). Orphans are
    /// never read through the catalog and are removed by ``vacuum(dataset:)``, which every compaction runs
    /// first. `progress` is called before each step; an error it throws stops the compaction right there,
    /// without cleaning up (this is how tests simulate a crash between steps).
    ///
    /// Holds the dataset's lock throughout: the ETL waits for it.
    @discardableResult
    public func compact(
        dataset: String, partition dt: String, targetBytes: Int = 64 * 1024 * 1024,
        progress: (CompactionProgress) throws -> Void = { _ in }
    ) throws -> CompactionResult {
        try catalog.checkName(dataset)
        guard LakeLayout.isPartitionValue(dt) else { throw LakeError.invalidArgument("partition '\(dt)' is not YYYY-MM-DD") }
        guard targetBytes > 0 else { throw LakeError.invalidArgument("targetBytes must be positive") }
        let folder = dataset
        guard try storage.exists(Manifest.key(dataset)) else { throw LakeError.invalidArgument("no dataset '\(dataset)'") }
        do {
            return try storage.withLock(dataset: dataset) {
                try compactLocked(dataset: dataset, dt: dt, targetBytes: targetBytes, folder: folder, progress: progress)
            }
        } catch let stop as CallbackStop {
            throw stop.underlying
        }
    }

    private func compactLocked(
        dataset: String, dt: String, targetBytes: Int, folder: String, progress: (CompactionProgress) throws -> Void
    ) throws -> CompactionResult {
        _ = try vacuumLocked(dataset: dataset)
        var manifest = try Manifest.load(storage, dataset)
        guard let schema = try DatasetSchema.load(storage, dataset) else { throw LakeError.corrupt("\(dataset) has no _schema.json") }
        let sources = manifest.files.filter { $0.dt == dt && $0.bytes < targetBytes }.sorted { $0.minSeq < $1.minSeq }
        guard sources.count >= 2 else { return CompactionResult(removed: [], added: [], generation: manifest.generation) }
        let total = 2 * sources.reduce(0) { $0 + $1.bytes }
        var done = 0
        func report(_ step: CompactionProgress.Step) throws {
            do { try progress(CompactionProgress(step: step, done: done, total: total)) } catch { throw CallbackStop(underlying: error) }
        }

        var reading = sources.makeIterator()
        if let first = reading.next() { try report(.reading(first.path)) }
        let data = try catalog.readAll(dataset: dataset, files: sources, schema: schema) { bytes, _ in
            done += bytes
            if let next = reading.next() { try report(.reading(next.path)) }
        }
        guard let seqColumn = data.columns.firstIndex(where: { $0.name == "_seq" }), case .decimal(let seqs) = data.values[seqColumn]
        else { throw LakeError.corrupt("\(dataset) files lack _seq") }

        // New files of about targetBytes each, judged by the sources' bytes per row.
        let generation = manifest.generation + 1
        let sourceBytes = total / 2
        let rowsPerFile = max(1, Int((Double(targetBytes) * Double(data.rows) / Double(max(1, sourceBytes))).rounded(.down)))
        var added: [LakeFile] = []
        var start = 0
        do {
            while start < data.rows {
                let end = min(data.rows, start + rowsPerFile)
                let rows = Array(start..<end)
                let range = seqs[start..<end].compactMap { $0 }
                guard let first = range.min(), let last = range.max() else { throw LakeError.corrupt("null _seq in \(dataset)") }
                let relative = LakeLayout.partitionFolder(dt: dt) + "/" + LakeLayout.compactedFileName(first: first, last: last, generation: generation)
                try report(.writing(relative))
                let bytes = try writeParquet(folder + "/" + relative, columns: data.columns, values: data.values.map { $0.gather(rows) })
                added.append(LakeFile(path: relative, dt: dt, rows: rows.count, bytes: bytes, minSeq: first, maxSeq: last))
                done += sourceBytes * rows.count / max(1, data.rows)
                start = end
            }
            done = total
            try report(.wroteNewFiles)
            let removedPaths = Set(sources.map(\.path))
            manifest.files = manifest.files.filter { !removedPaths.contains($0.path) } + added
            try manifest.commit(storage)
        } catch let stop as CallbackStop {
            throw stop
        } catch {
            // Not swapped: the new files are not part of the lake.
            for file in added { try? storage.delete(folder + "/" + file.path) }
            throw error
        }
        try report(.swappedManifest)
        for file in sources { try storage.delete(folder + "/" + file.path) }
        try report(.deletedOldFiles)
        return CompactionResult(removed: sources, added: added, generation: manifest.generation)
    }

    /// Removes files of a dataset that its manifest does not list: orphans of interrupted writes or
    /// compactions, and temporary files. Returns the removed paths (relative to the dataset folder).
    @discardableResult
    public func vacuum(dataset: String) throws -> [String] {
        try catalog.checkName(dataset)
        return try storage.withLock(dataset: dataset) { try vacuumLocked(dataset: dataset) }
    }

    func vacuumLocked(dataset: String) throws -> [String] {
        let folder = dataset
        let live = Set(try Manifest.load(storage, dataset).files.map(\.path))
        var removed: [String] = []
        let top = try storage.list(folder)
        for name in top.objects where name.contains(".tmp-") {
            guard try !storage.isRecent(folder + "/" + name) else { continue }
            try storage.delete(folder + "/" + name)
            removed.append(name)
        }
        for name in top.folders where name.hasPrefix("dt=") {
            for file in try storage.list(folder + "/" + name).objects {
                let relative = name + "/" + file
                let orphan = file.hasPrefix("part-") && file.hasSuffix(".parquet") && !live.contains(relative)
                // On S3 (no lock) a file an ETL wrote but has not committed yet looks like an orphan: spared while recent.
                if orphan || file.contains(".tmp-"), try !storage.isRecent(folder + "/" + relative) {
                    try storage.delete(folder + "/" + relative)
                    removed.append(relative)
                }
            }
            storage.removeFolderIfEmpty(folder + "/" + name)
        }
        return removed
    }
}
