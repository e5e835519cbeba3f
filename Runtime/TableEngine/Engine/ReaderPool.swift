import DynamoModel

/// Read connections (WAL readers run beside the writer). A reader checks one out, uses it on its own
/// thread and returns it; more are opened on demand.
final class ReaderPool: Sendable {
    private let path: String
    private let idle: Locked<[Database]>
    private let keep: Int

    init(path: String, keep: Int) {
        self.path = path
        self.keep = keep
        idle = Locked([])
    }

    /// Runs `body` with a read connection.
    func read<R>(_ body: (Database) throws(DynamoError) -> R) throws(DynamoError) -> R {
        let db = try checkout()
        defer { checkin(db) }
        return try body(db)
    }

    /// Runs `body` in one read transaction (a consistent snapshot across statements).
    func snapshot<R>(_ body: (Database) throws(DynamoError) -> R) throws(DynamoError) -> R {
        try read { db throws(DynamoError) in
            do { try db.run("BEGIN") } catch { throw .internalServerError("\(error)") }
            defer { try? db.run("COMMIT") }
            return try body(db)
        }
    }

    private func checkout() throws(DynamoError) -> Database {
        if let db = idle.withLock({ $0.popLast() }) { return db }
        do {
            let db = try Database(path: path)
            try db.execute(Schema.readerPragmas)
            return db
        } catch {
            throw .internalServerError("Cannot open a read connection: \(error)")
        }
    }

    private func checkin(_ db: Database) {
        idle.withLock { pool in
            if pool.count < keep { pool.append(db) }
        }
    }

    func closeAll() { idle.withLock { $0.removeAll() } }
}
