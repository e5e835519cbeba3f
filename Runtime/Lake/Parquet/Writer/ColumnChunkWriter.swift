/// Encodes one column chunk: an optional PLAIN dictionary page, then V1 data pages.
struct ColumnChunkWriter {
    let column: ParquetColumn
    let options: ParquetWriterOptions

    /// The chunk's bytes (pages with headers) and its metadata, for a chunk starting at `offset`.
    func write(defs: [UInt8]?, values: PhysicalValues, rows: Int, offset: Int64) throws -> ([UInt8], ColumnChunk) {
        var out = [UInt8]()
        var uncompressedTotal: Int64 = 0
        var encodingStats: [PageEncodingStats] = []
        var encodings: [Encoding] = [.plain, .rle]
        var dictionaryOffset: Int64?

        var dict: (dictionary: PhysicalValues, indices: [UInt32])?
        if options.dictionary {
            dict = DictionaryBuilder.build(values, maxBytes: options.dictionaryPageBytes)
        }
        var bitWidth = 0
        if let dict {
            dictionaryOffset = offset
            var body = [UInt8]()
            Plain.encode(dict.dictionary, into: &body)
            let header = PageHeader(
                type: .dictionaryPage, uncompressedPageSize: 0, compressedPageSize: 0,
                dictionaryPageHeader: DictionaryPageHeader(
                    numValues: try int32(dict.dictionary.count, "dictionary size"), encoding: .plain, isSorted: false))
            uncompressedTotal += try appendPage(header, body: body, to: &out)
            encodingStats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
            encodings = [.plain, .rle, .rleDictionary]
            bitWidth = max(1, RLEHybrid.bitWidth(forMax: dict.dictionary.count - 1))
        }

        let dataOffset = offset + Int64(out.count)
        let dataEncoding: Encoding = dict == nil ? .plain : .rleDictionary
        var pageCount: Int32 = 0
        for page in pageRanges(defs: defs, values: values, rows: rows, dictBitWidth: dict == nil ? nil : bitWidth) {
            var body = [UInt8]()
            if let defs {
                var levels = [UInt8]()
                RLEHybrid.encode(defs[page.rows].map { UInt32($0) }, bitWidth: 1, into: &levels)
                body.appendLE(UInt32(levels.count))
                body.append(contentsOf: levels)
            }
            if let dict {
                body.append(UInt8(bitWidth))
                RLEHybrid.encode(Array(dict.indices[page.values]), bitWidth: bitWidth, into: &body)
            } else {
                Plain.encode(values.slice(page.values), into: &body)
            }
            let header = PageHeader(
                type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0,
                dataPageHeader: DataPageHeader(
                    numValues: try int32(page.rows.count, "page rows"), encoding: dataEncoding,
                    definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle, statistics: nil))
            uncompressedTotal += try appendPage(header, body: body, to: &out)
            pageCount += 1
        }
        encodingStats.append(PageEncodingStats(pageType: .dataPage, encoding: dataEncoding, count: pageCount))

        let nullCount = rows - values.count
        let meta = ColumnMetaData(
            type: column.type.physicalType, encodings: encodings, pathInSchema: [column.name],
            codec: options.codec, numValues: Int64(rows), totalUncompressedSize: uncompressedTotal,
            totalCompressedSize: Int64(out.count), keyValueMetadata: nil, dataPageOffset: dataOffset,
            indexPageOffset: nil, dictionaryPageOffset: dictionaryOffset,
            statistics: StatisticsBuilder.build(values, nullCount: nullCount, type: column.type),
            encodingStats: encodingStats)
        return (out, ColumnChunk(filePath: nil, fileOffset: 0, metaData: meta))
    }

    /// Compresses a page body and appends header + body; returns header + uncompressed size.
    private func appendPage(_ header: PageHeader, body: [UInt8], to out: inout [UInt8]) throws -> Int64 {
        let compressed = try PageCodec.compress(body, codec: options.codec, zstdLevel: options.zstdLevel)
        var h = header
        h.uncompressedPageSize = try int32(body.count, "page size")
        h.compressedPageSize = try int32(compressed.count, "compressed page size")
        let headerBytes = h.thriftBytes()
        out.append(contentsOf: headerBytes)
        out.append(contentsOf: compressed)
        return Int64(headerBytes.count + body.count)
    }

    private func int32(_ v: Int, _ what: String) throws -> Int32 {
        guard let r = Int32(exactly: v) else {
            throw ParquetError.invalidArgument("\(what) \(v) does not fit a page; lower pageBytes or rowGroupRows")
        }
        return r
    }

    /// Splits rows into pages of about `pageBytes` (estimated before compression).
    private func pageRanges(
        defs: [UInt8]?, values: PhysicalValues, rows: Int, dictBitWidth: Int?
    ) -> [(rows: Range<Int>, values: Range<Int>)] {
        var ranges: [(rows: Range<Int>, values: Range<Int>)] = []
        var rowStart = 0
        var valueStart = 0
        var v = 0
        var estimate = 0
        let fixedSize: Int? =
            if let dictBitWidth { max(1, dictBitWidth / 8) } else {
                switch values {
                case .boolean: 1
                case .int32, .float: 4
                case .int64, .double: 8
                case .fixed(_, let w): w
                case .bytes: nil
                }
            }
        let byteValues: [[UInt8]]? = if case .bytes(let b) = values, fixedSize == nil { b } else { nil }
        for row in 0..<rows {
            if defs == nil || defs![row] == 1 {
                estimate += fixedSize ?? (4 + byteValues![v].count)
                v += 1
            }
            if estimate >= options.pageBytes || row == rows - 1 {
                ranges.append((rowStart..<(row + 1), valueStart..<v))
                rowStart = row + 1
                valueStart = v
                estimate = 0
            }
        }
        return ranges
    }
}
