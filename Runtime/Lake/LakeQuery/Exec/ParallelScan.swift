import Dispatch

/// Scans the files of an aggregate query on all cores: each file feeds its own partial `RowSink`,
/// and the partials are merged in file order, so groups come out in the same first-seen order
/// whatever the threads' timing.
enum ParallelScan {
    /// State shared with the worker closures; each worker writes only its own file's slot.
    private final class Work: @unchecked Sendable {
        let files: [OpenFile]
        let scanner: Scanner
        let plan: QueryPlan
        let results: UnsafeMutablePointer<Result<(RowSink, QueryStats), QueryError>?>

        init(files: [OpenFile], scanner: Scanner, plan: QueryPlan) {
            self.files = files
            self.scanner = scanner
            self.plan = plan
            results = .allocate(capacity: files.count)
            results.initialize(repeating: nil, count: files.count)
        }

        deinit {
            results.deinitialize(count: files.count)
            results.deallocate()
        }

        func run(_ i: Int) {
            results[i] = Result { () throws(QueryError) -> (RowSink, QueryStats) in
                var sink = try RowSink(plan: plan)
                var stats = QueryStats()
                _ = try scanner.scan(files[i], stats: &stats) { b throws(QueryError) in try sink.consume(b) }
                return (sink, stats)
            }
        }
    }

    /// Feeds every file into `sink` (an aggregate plan's) and adds the scan counters to `stats`.
    static func aggregate(_ files: [OpenFile], scanner: Scanner, plan: QueryPlan, into sink: RowSink, stats: inout QueryStats) throws(QueryError) {
        let work = Work(files: files, scanner: scanner, plan: plan)
        DispatchQueue.concurrentPerform(iterations: files.count) { work.run($0) }
        for i in files.indices {
            switch work.results[i]! {
            case .success(let (partial, s)):
                sink.merge(partial)
                stats.rowGroupsTotal += s.rowGroupsTotal
                stats.rowGroupsSkipped += s.rowGroupsSkipped
                stats.rowsRead += s.rowsRead
                stats.columnChunksRead += s.columnChunksRead
            case .failure(let e): throw e
            }
        }
    }
}
