import DynamoAPI
import DynamoModel

/// Reads and writes the catalog rows (`tables`, `streams`).
enum CatalogStore {
    static func load(_ db: Database) throws(DynamoError) -> [String: TableInfo] {
        do {
            var streams: [Int64: StreamInfo] = [:]
            let s = try db.prepare(
                "SELECT id, table_name, table_id, label, view_type, created, disabled_at, shard_count, key_schema FROM streams ORDER BY id")
            while try s.step() {
                let info = StreamInfo(
                    id: s.int64(0), tableName: s.text(1), label: s.text(3),
                    viewType: StreamViewType(rawValue: s.text(4)) ?? .newAndOldImages, created: s.double(5),
                    disabledAt: s.isNull(6) ? nil : s.double(6), shardCount: Int(s.int64(7)),
                    keySchema: decodeKeySchema(s.text(8)))
                streams[s.int64(2)] = info  // latest stream per table id wins
            }
            var tables: [String: TableInfo] = [:]
            let t = try db.prepare("SELECT name, id, created, definition, ttl_attr, ttl_enabled FROM tables")
            while try t.step() {
                guard let item = ItemCodec.decode(t.blob(3)),
                    let definition = try? ItemDecoder().decode(CreateTableInput.self, from: item)
                else { throw DynamoError.internalServerError("Corrupt catalog entry for table \(t.text(0))") }
                let ttl = t.isNull(4) ? nil : TimeToLiveSpecification(attributeName: t.text(4), enabled: t.int64(5) != 0)
                let id = t.int64(1)
                tables[t.text(0)] = try TableInfo(
                    name: t.text(0), id: id, created: t.double(2), definition: definition, stream: streams[id], ttl: ttl)
            }
            return tables
        } catch let error as DynamoError {
            throw error
        } catch {
            throw .internalServerError("\(error)")
        }
    }

    /// All streams (for ListStreams / DescribeStream, including those of deleted tables).
    static func streams(_ db: Database) throws(SQLiteError) -> [StreamInfo] {
        var out: [StreamInfo] = []
        let s = try db.prepare(
            "SELECT id, table_name, label, view_type, created, disabled_at, shard_count, key_schema FROM streams ORDER BY id")
        while try s.step() {
            out.append(StreamInfo(
                id: s.int64(0), tableName: s.text(1), label: s.text(2),
                viewType: StreamViewType(rawValue: s.text(3)) ?? .newAndOldImages, created: s.double(4),
                disabledAt: s.isNull(5) ? nil : s.double(5), shardCount: Int(s.int64(6)),
                keySchema: decodeKeySchema(s.text(7))))
        }
        return out
    }

    static func encodeKeySchema(_ elements: [KeySchemaElement]) -> String {
        elements.map { "\($0.attributeName)\u{1}\($0.keyType.rawValue)" }.joined(separator: "\u{2}")
    }

    static func decodeKeySchema(_ text: String) -> [KeySchemaElement] {
        text.split(separator: "\u{2}").compactMap { part in
            let fields = part.split(separator: "\u{1}", omittingEmptySubsequences: false)
            guard fields.count == 2, let type = KeySchemaElement.KeyType(rawValue: String(fields[1])) else { return nil }
            return KeySchemaElement(attributeName: String(fields[0]), keyType: type)
        }
    }
}
