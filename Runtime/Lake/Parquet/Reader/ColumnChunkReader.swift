/// Decodes the pages of one column chunk into column values.
struct ColumnChunkReader {
    let source: ByteSource
    let dataEnd: Int
    let element: SchemaElement
    let type: ColumnType
    let maxDefinition: UInt8
    let options: ParquetReaderOptions

    private var name: String { element.name }

    /// One decompressed data page: its row count, definition levels (nil for required columns),
    /// and a reader positioned at its values.
    struct DataPage {
        var rows: Int
        var defs: [UInt8]?
        var nonNull: Int
        var encoding: Encoding
        var values: ByteReader
    }

    /// Walks the chunk's pages: `dictionary` gets the decompressed dictionary page (and its value count),
    /// `data` each data page; `data` returns false to stop early.
    func pages(
        _ meta: ColumnMetaData, dictionary onDictionary: (Int, ByteReader) throws -> Void, data onData: (DataPage) throws -> Bool
    ) throws {
        // Where the chunk's pages are.
        var start = meta.dataPageOffset
        if let d = meta.dictionaryPageOffset, d > 0, d < start { start = d }
        let length = meta.totalCompressedSize
        guard start >= 4, length >= 0, start <= Int64(dataEnd), length <= Int64(dataEnd) - start else {
            throw ParquetError.corrupt("column '\(name)' claims bytes \(start)..+\(length) outside the data area (4..<\(dataEnd))")
        }
        guard meta.numValues >= 0 else { throw ParquetError.corrupt("column '\(name)' has a negative value count") }
        let (bytes, base) = try source.range(Int(start), Int(start + length))
        let end = Int(start + length) - base
        var position = Int(start) - base
        let total = meta.numValues
        var sawDictionary = false
        var read: Int64 = 0

        while read < total {
            guard position < end else {
                throw ParquetError.truncated("column '\(name)' ends after \(read) of \(total) values")
            }
            var headerReader = CompactReader(bytes, from: position, to: end)
            let header = try PageHeader(from: &headerReader)
            position = headerReader.position
            let size = Int(header.compressedPageSize)
            guard size >= 0, size <= end - position else {
                throw ParquetError.truncated("column '\(name)': page of \(size) bytes but \(end - position) remain in the chunk")
            }
            let body = bytes[position..<(position + size)]
            position += size

            switch header.type {
            case .dictionaryPage:
                guard let h = header.dictionaryPageHeader else { throw ParquetError.corrupt("dictionary page without its header") }
                guard !sawDictionary, read == 0 else {
                    throw ParquetError.corrupt("column '\(name)' has a second dictionary page or one after data pages")
                }
                guard h.encoding == .plain || h.encoding == .plainDictionary else {
                    throw ParquetError.unsupported("dictionary page encoding \(h.encoding)")
                }
                guard h.numValues >= 0 else { throw ParquetError.corrupt("dictionary of '\(name)' has \(h.numValues) values") }
                sawDictionary = true
                let page = try decompress(body, Int(header.uncompressedPageSize), meta.codec)
                try onDictionary(Int(h.numValues), ByteReader(page, context: "dictionary of '\(name)'"))
            case .dataPage:
                guard let h = header.dataPageHeader else { throw ParquetError.corrupt("data page without its header") }
                let n = try pageValueCount(h.numValues, read: read, total: total)
                let page = try decompress(body, Int(header.uncompressedPageSize), meta.codec)
                var r = ByteReader(page, context: "data page of '\(name)'")
                var pageDefs: [UInt8]? = nil
                var nonNull = n
                if maxDefinition > 0 {
                    guard h.definitionLevelEncoding == .rle else {
                        throw ParquetError.unsupported("definition levels encoded as \(h.definitionLevelEncoding)")
                    }
                    let levelBytes = Int(try r.readLE(UInt32.self))
                    try r.require(levelBytes)
                    var lr = ByteReader(page, from: r.position, to: r.position + levelBytes, context: "definition levels of '\(name)'")
                    (pageDefs, nonNull) = try decodeLevels(n, from: &lr)
                    r.position += levelBytes
                }
                guard try onData(DataPage(rows: n, defs: pageDefs, nonNull: nonNull, encoding: h.encoding, values: r)) else { return }
                read += Int64(n)
            case .dataPageV2:
                guard let h = header.dataPageHeaderV2 else { throw ParquetError.corrupt("data page V2 without its header") }
                let n = try pageValueCount(h.numValues, read: read, total: total)
                let rl = Int(h.repetitionLevelsByteLength)
                let dl = Int(h.definitionLevelsByteLength)
                guard dl >= 0, rl >= 0, rl + dl <= body.count else {
                    throw ParquetError.corrupt("data page V2 of '\(name)': level lengths \(rl)+\(dl) exceed the page (\(body.count))")
                }
                guard rl == 0 else { throw ParquetError.unsupported("repetition levels in column '\(name)'") }
                let levelStart = body.startIndex
                var pageDefs: [UInt8]? = nil
                var nonNull = n
                if maxDefinition > 0 {
                    var lr = ByteReader(bytes, from: levelStart, to: levelStart + dl, context: "definition levels of '\(name)'")
                    (pageDefs, nonNull) = try decodeLevels(n, from: &lr)
                }
                let valueBody = body[(levelStart + dl)...]
                let valueSize = Int(header.uncompressedPageSize) - rl - dl
                let page: [UInt8] =
                    h.isCompressed
                    ? try decompress(valueBody, valueSize, meta.codec)
                    : try decompress(valueBody, valueSize, .uncompressed)
                let r = ByteReader(page, context: "data page V2 of '\(name)'")
                guard try onData(DataPage(rows: n, defs: pageDefs, nonNull: nonNull, encoding: h.encoding, values: r)) else { return }
                read += Int64(n)
            default:
                continue  // index pages and unknown page types carry no values
            }
        }
    }

    func read(_ meta: ColumnMetaData) throws -> ColumnValues {
        let empty = try PhysicalValues.empty(element.type ?? .byteArray, typeLength: Int(element.typeLength ?? 0))
        var dictionary: PhysicalValues?
        var values = empty
        var defs: [UInt8]? = maxDefinition > 0 ? [] : nil
        try pages(meta) { count, page in
            var r = page
            dictionary = try Plain.decode(count, like: empty, from: &r)
        } data: { page in
            var r = page.values
            try values.append(try decodeValues(page.nonNull, encoding: page.encoding, dictionary: dictionary, like: empty, from: &r))
            if let d = page.defs { defs?.append(contentsOf: d) }
            return true
        }
        return try ValueConversion.fromPhysical(
            defs: defs, maxDefinition: maxDefinition, values: values, type: type, element: element)
    }

    /// The chunk as its dictionary plus one index per row (`dictionary count` for null rows),
    /// or nil when a data page is not dictionary-encoded.
    func readDictionary(_ meta: ColumnMetaData) throws -> (dictionary: PhysicalValues, indices: [UInt32])? {
        let empty = try PhysicalValues.empty(element.type ?? .byteArray, typeLength: Int(element.typeLength ?? 0))
        var dictionary: PhysicalValues?
        var indices: [UInt32] = []
        var ok = true
        try pages(meta) { count, page in
            var r = page
            dictionary = try Plain.decode(count, like: empty, from: &r)
        } data: { page in
            guard page.encoding == .rleDictionary || page.encoding == .plainDictionary else { ok = false; return false }
            guard let dictionary else {
                throw ParquetError.corrupt("column '\(name)' uses dictionary encoding without a dictionary page")
            }
            let size = UInt32(dictionary.count)
            var r = page.values
            var codes: [UInt32] = []
            if page.nonNull > 0 {
                let width = Int(try r.readByte())
                codes = try RLEHybrid.decode(page.nonNull, bitWidth: width, from: &r)
                var top: UInt32 = 0
                for c in codes { top = max(top, c) }
                if top >= size { throw ParquetError.corrupt("dictionary index \(top) outside a dictionary of \(size) values") }
            }
            guard let defs = page.defs else {
                if indices.isEmpty { indices = codes } else { indices.append(contentsOf: codes) }
                return true
            }
            // `codes` holds exactly one entry per level equal to maxDefinition (see `nonNull`).
            // One padding entry lets the loop read c[i] unconditionally (branch-free); `codes` holds
            // exactly one entry per level equal to maxDefinition (see `nonNull`).
            codes.append(size)
            let top = maxDefinition
            let spread = [UInt32](unsafeUninitializedCapacity: defs.count) { out, initialized in
                codes.withUnsafeBufferPointer { c in
                    defs.withUnsafeBufferPointer { d in
                        var i = 0
                        for r in 0..<d.count {
                            let present = unsafeBitCast(d[r] == top, to: UInt8.self)   // 0 or 1
                            let mask = 0 &- UInt32(present)
                            out[r] = (c[i] & mask) | (size & ~mask)
                            i &+= Int(present)
                        }
                    }
                }
                initialized = defs.count
            }
            if indices.isEmpty { indices = spread } else { indices.append(contentsOf: spread) }
            return true
        }
        guard ok else { return nil }
        return (dictionary ?? empty, indices)
    }

    private func pageValueCount(_ n: Int32, read: Int64, total: Int64) throws -> Int {
        guard n >= 0, Int64(n) <= total - read else {
            throw ParquetError.corrupt("column '\(name)': page of \(n) values but \(total - read) remain")
        }
        guard Int(n) <= options.maxPageValues else {
            throw ParquetError.corrupt("column '\(name)': page of \(n) values passes maxPageValues \(options.maxPageValues)")
        }
        return Int(n)
    }

    private func decompress(_ body: ArraySlice<UInt8>, _ size: Int, _ codec: CompressionCodec) throws -> [UInt8] {
        try PageCodec.decompress(body, codec: codec, uncompressedSize: size, limit: options.maxPageBytes)
    }

    /// Definition levels of `n` rows, and how many equal `maxDefinition` (the non-null values).
    private func decodeLevels(_ n: Int, from r: inout ByteReader) throws -> ([UInt8], Int) {
        let width = RLEHybrid.bitWidth(forMax: Int(maxDefinition))
        let levels = try RLEHybrid.decode(n, bitWidth: width, from: &r, as: UInt8.self)
        var top: UInt8 = 0
        var present = 0
        let full = maxDefinition
        levels.withUnsafeBufferPointer { l in
            // Branch-free: the largest level and, for maxDefinition 1 (flat schemas), the non-nulls as a sum.
            var sum = 0
            for v in l {
                top = max(top, v)
                sum &+= Int(v)
            }
            present = full == 1 ? sum : l.count { $0 == full }
        }
        guard top <= full else {
            throw ParquetError.corrupt("definition level \(top) above the maximum \(maxDefinition) in '\(name)'")
        }
        return (levels, present)
    }

    private func decodeValues(
        _ count: Int, encoding: Encoding, dictionary: PhysicalValues?, like empty: PhysicalValues,
        from r: inout ByteReader
    ) throws -> PhysicalValues {
        switch encoding {
        case .plain:
            return try Plain.decode(count, like: empty, from: &r)
        case .rleDictionary, .plainDictionary:
            guard let dictionary else {
                throw ParquetError.corrupt("column '\(name)' uses dictionary encoding without a dictionary page")
            }
            if count == 0 { return empty }
            let width = Int(try r.readByte())
            let indices = try RLEHybrid.decode(count, bitWidth: width, from: &r)
            return try dictionary.gather(indices)
        case .rle:
            guard case .boolean = empty else {
                throw ParquetError.unsupported("RLE-encoded values of type \(element.type.map(String.init(describing:)) ?? "?")")
            }
            let length = Int(try r.readLE(UInt32.self))
            try r.require(length)
            var br = ByteReader(r.bytes, from: r.position, to: r.position + length, context: "RLE booleans of '\(name)'")
            let bits = try RLEHybrid.decode(count, bitWidth: 1, from: &br)
            r.position += length
            return .boolean(bits.map { $0 == 1 })
        default:
            throw ParquetError.unsupported("encoding \(encoding) in column '\(name)'")
        }
    }
}
