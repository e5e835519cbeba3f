import DynamoModel

/// Item reads shared by the writer and the readers.
enum ItemStore {
    static func load(_ db: Database, table: Int64, index: Int64, key: [UInt8]) throws(DynamoError) -> Item? {
        do {
            let s = try db.prepare("SELECT body FROM entries WHERE tid=? AND idx=? AND k=?")
            try s.bind([.int(table), .int(index), .blob(key)])
            guard try s.step() else { return nil }
            let item = s.withBlob(0) { ItemCodec.decode($0) }
            s.reset()
            guard let item else { throw DynamoError.internalServerError("Corrupt item in table storage") }
            return item
        } catch let error as DynamoError {
            throw error
        } catch {
            throw .internalServerError("\(error)")
        }
    }

    /// Whether two items hold the same values (numbers compared numerically, sets unordered).
    static func equal(_ a: Item, _ b: Item) -> Bool {
        guard a.count == b.count else { return false }
        for (k, v) in a {
            guard let w = b[k], v.dynamoEquals(w) else { return false }
        }
        return true
    }
}
