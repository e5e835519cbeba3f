/// Scans an aggregate query's row groups on all cores: each row group feeds its own partial
/// `RowSink`, and the partials are merged in file and row-group order, so groups come out in the
/// same first-seen order whatever the threads' timing.
enum ParallelScan {
    /// Feeds every row group of `files` into `sink` (an aggregate plan's) and adds the scan counters to `stats`.
    static func aggregate(_ files: [OpenFile], scanner: Scanner, plan: QueryPlan, into sink: RowSink, stats: inout QueryStats) throws(QueryError) {
        var units: [(file: Int, group: Int)] = []
        for (i, f) in files.enumerated() {
            for g in 0..<f.reader.rowGroupCount { units.append((i, g)) }
        }
        let partials = try Parallel.map(units.count) { u throws(QueryError) -> (RowSink, QueryStats) in
            var partial = try RowSink(plan: plan)
            var s = QueryStats()
            let (file, group) = units[u]
            _ = try scanner.scan(files[file], groups: group..<(group + 1), stats: &s) { b throws(QueryError) in try partial.consume(b) }
            return (partial, s)
        }
        for (partial, s) in partials {
            sink.merge(partial)
            stats.rowGroupsTotal += s.rowGroupsTotal
            stats.rowGroupsSkipped += s.rowGroupsSkipped
            stats.rowsRead += s.rowsRead
            stats.columnChunksRead += s.columnChunksRead
        }
    }
}
