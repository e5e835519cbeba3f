import DynamoAPI
import DynamoModel

/// GetItem and Query answered as wire JSON. A plain request (no projection, filter, `COUNT` or table
/// fetch, and for GetItem no consumed capacity) has its items written straight from their stored bytes,
/// without decoding them into ``Item``s; any other goes through `getItemNow`/`queryNow` and `wireJSON()`.
extension EmbeddedDynamoDB {
    public func getItemWireJSON(_ input: GetItemInput) throws(DynamoError) -> [UInt8] {
        guard input.projectionExpression == nil, input.expressionAttributeNames == nil,
            input.returnConsumedCapacity == nil || input.returnConsumedCapacity == ReturnConsumedCapacity.none
        else {
            let output = try getItemNow(input)
            return try Self.encoding { try output.wireJSON() }
        }
        let t = try table(input.tableName)
        let key = try Self.keyBytes(of: input.key, table: t)
        let itemJSON = try readers.read { db throws(DynamoError) in try Self.storedJSON(db, table: t.id, key: key) }
        return try Self.encoding { try GetItemOutput.wireJSON(itemJSON: itemJSON, consumedCapacity: nil) }
    }

    public func queryWireJSON(_ input: QueryInput) throws(DynamoError) -> [UInt8] {
        let plan = try queryPlan(input)
        guard plan.filter == nil, plan.projection == nil, plan.select != .count, !plan.fetchesFromTable else {
            let output = try readers.read { db throws(DynamoError) in try Self.execute(plan, db: db) }
            return try Self.encoding { try output.wireJSON() }
        }
        let page = try readers.read { db throws(DynamoError) in try Self.executeJSON(plan, db: db) }
        let consumed = Self.readCapacity(plan, bytes: page.bytes, fetchedBytes: 0)
        return try Self.encoding {
            try QueryOutput.wireJSON(
                itemElements: page.itemElements, count: page.count, scannedCount: page.scanned,
                lastEvaluatedKey: page.lastKey, consumedCapacity: consumed)
        }
    }

    /// A stored item's DynamoDB JSON, nil when there is none.
    static func storedJSON(_ db: Database, table: Int64, key: [UInt8]) throws(DynamoError) -> [UInt8]? {
        do {
            let s = try db.prepare("SELECT body FROM entries WHERE tid=? AND idx=? AND k=?")
            defer { s.reset() }
            try s.bind([.int(table), .int(0), .blob(key)])
            guard try s.step() else { return nil }
            var out: [UInt8] = []
            let ok = s.withBlob(0) { body in
                out.reserveCapacity(64 + body.count * 2)
                return ItemCodec.appendJSON(body, to: &out)
            }
            guard ok else { throw DynamoError.internalServerError("Corrupt item in table storage") }
            return out
        } catch let error as DynamoError {
            throw error
        } catch {
            throw .internalServerError("\(error)")
        }
    }

    /// One Query page with its items as JSON.
    struct JSONPage {
        var itemElements: [UInt8] = []
        var count = 0, scanned = 0, bytes = 0
        var lastKey: Item?
    }

    /// ``execute(_:db:)`` for a plan with no filter, projection, `COUNT` or table fetch: the items' JSON
    /// written from their stored bytes, only the key attributes decoded.
    static func executeJSON(_ plan: ReadPlan, db: Database) throws(DynamoError) -> JSONPage {
        let (sql, binds) = plan.statement()
        let keyNames = plan.keyNames
        let keyNameBytes = keyNames.map { Array($0.utf8) }
        let kc = plan.keyCondition
        let partitionSlot = kc.flatMap { keyNames.firstIndex(of: $0.partitionKeyName) }
        let sortSlot = kc?.sortKeyName.flatMap { keyNames.firstIndex(of: $0) }
        var page = JSONPage()
        var scratch: [UInt8] = []
        do {
            let s = try db.prepare(sql)
            defer { s.reset() }
            try s.bind(binds)
            while try s.step() {
                let row = s.withBlob(1) { body -> (keys: [AttributeValue?], matched: Bool)? in
                    guard let keys = ItemCodec.attributes(keyNameBytes, of: body) else { return nil }
                    if let kc, !Self.matches(kc, keys, partition: partitionSlot, sort: sortSlot) { return (keys, false) }
                    if page.count > 0 {
                        page.itemElements.append(UInt8(ascii: ","))
                    } else {
                        page.itemElements.reserveCapacity(body.count * 2 * min(plan.limit ?? 32, 100))
                    }
                    guard ItemCodec.appendJSON(body, to: &page.itemElements, scratch: &scratch) else { return nil }
                    page.count += 1
                    return (keys, true)
                }
                guard let row else { throw DynamoError.internalServerError("Corrupt item in table storage") }
                guard row.matched else { continue }
                page.scanned += 1
                page.bytes += Int(s.int64(2))
                if page.scanned == plan.limit || page.bytes >= pageLimitBytes {
                    var key: Item = [:]
                    for (name, value) in zip(keyNames, row.keys) { key[name] = value }
                    page.lastKey = key
                    break
                }
            }
        } catch let error as DynamoError {
            throw error
        } catch {
            throw .internalServerError("\(error)")
        }
        return page
    }

    /// `kc.matches(item)` for an item whose key attributes are `keys` (in ``ReadPlan/keyNames`` order).
    private static func matches(
        _ kc: KeyConditionExpression, _ keys: [AttributeValue?], partition: Int?, sort: Int?
    ) -> Bool {
        guard let partition, let pk = keys[partition], pk.dynamoEquals(kc.partitionKeyValue) else { return false }
        guard kc.sortKeyName != nil, let condition = kc.sortKeyCondition else { return true }
        guard let sort, let sk = keys[sort] else { return false }
        return condition.matches(sk)
    }

    /// The bytes an encoding writes, its failure reported as an internal error (as the wire server does).
    private static func encoding(_ body: () throws -> [UInt8]) throws(DynamoError) -> [UInt8] {
        do {
            return try body()
        } catch {
            throw .internalServerError("\(error)")
        }
    }
}
