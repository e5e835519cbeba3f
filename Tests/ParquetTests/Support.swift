import Foundation
import TestSupport
import Testing

@testable import Parquet

/// Helpers shared by the Parquet tests.
enum Support {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

/// A sample batch with every column type and some nulls.
enum Sample {
    static let columns: [ParquetColumn] = [
        ParquetColumn(name: "pk", type: .string, nullable: false),
        ParquetColumn(name: "n", type: .int64),
        ParquetColumn(name: "x", type: .double),
        ParquetColumn(name: "flag", type: .boolean),
        ParquetColumn(name: "ts", type: .timestampMicrosUTC),
        ParquetColumn(name: "day", type: .date),
        ParquetColumn(name: "amount", type: .decimal(precision: 12, scale: 2)),
        ParquetColumn(name: "small", type: .decimal(precision: 5, scale: 1)),
        ParquetColumn(name: "big", type: .decimal(precision: 30, scale: 4)),
        ParquetColumn(name: "raw", type: .binary),
    ]

    static func values(rows: Int) -> [ColumnValues] {
        let r = 0..<rows
        return [
            .string(r.map { "key-\($0 % 37)-ü" }),
            .int64(r.map { $0 % 5 == 0 ? nil : Int64($0) * 1_000_003 - 50_000 }),
            .double(r.map { $0 % 7 == 0 ? nil : Double($0) * 0.25 - 3 }),
            .boolean(r.map { $0 % 3 == 0 ? nil : $0 % 2 == 0 }),
            .timestampMicros(r.map { $0 % 4 == 0 ? nil : 1_714_521_600_000_000 + Int64($0) * 1_000_001 }),
            .date(r.map { $0 % 6 == 0 ? nil : 19_844 + Int32($0 % 400) }),
            .decimal(r.map { $0 % 9 == 0 ? nil : Int128($0) * 137 - 5_000 }),
            .decimal(r.map { $0 % 2 == 0 ? nil : Int128($0 % 9999) - 4_000 }),
            .decimal(r.map { $0 % 10 == 0 ? nil : (Int128($0) - 50) * 1_000_000_000_000_000_000_000 + 7 }),
            .binary(r.map { $0 % 8 == 0 ? nil : [UInt8(truncatingIfNeeded: $0), 0, 255] }),
        ]
    }
}
