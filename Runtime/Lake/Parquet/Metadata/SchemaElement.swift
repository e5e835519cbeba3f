/// One node of the flattened schema tree (root first, depth-first).
public struct SchemaElement: Hashable, Sendable {
    public var type: PhysicalType?
    public var typeLength: Int32?
    public var repetition: Repetition?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldId: Int32?
    public var logicalType: LogicalType?

    public init(
        name: String, type: PhysicalType? = nil, typeLength: Int32? = nil, repetition: Repetition? = nil,
        numChildren: Int32? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil,
        precision: Int32? = nil, fieldId: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.name = name
        self.type = type
        self.typeLength = typeLength
        self.repetition = repetition
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldId = fieldId
        self.logicalType = logicalType
    }
}

extension SchemaElement: ThriftCodable {
    func encode(to w: inout CompactWriter) {
        w.beginStruct()
        if let type { w.i32(1, type.rawValue) }
        if let typeLength { w.i32(2, typeLength) }
        if let repetition { w.i32(3, repetition.rawValue) }
        w.string(4, name)
        if let numChildren { w.i32(5, numChildren) }
        if let convertedType { w.i32(6, convertedType.rawValue) }
        if let scale { w.i32(7, scale) }
        if let precision { w.i32(8, precision) }
        if let fieldId { w.i32(9, fieldId) }
        if let logicalType { w.structure(10, logicalType) }
        w.endStruct()
    }

    init(from r: inout CompactReader) throws {
        var e = SchemaElement(name: "")
        var sawName = false
        try r.readStruct { r, id, t in
            switch id {
            case 1: e.type = PhysicalType(rawValue: try r.i32(t))
            case 2: e.typeLength = try r.i32(t)
            case 3: e.repetition = Repetition(rawValue: try r.i32(t))
            case 4: e.name = try r.string(t); sawName = true
            case 5: e.numChildren = try r.i32(t)
            case 6: e.convertedType = ConvertedType(rawValue: try r.i32(t))
            case 7: e.scale = try r.i32(t)
            case 8: e.precision = try r.i32(t)
            case 9: e.fieldId = try r.i32(t)
            case 10: e.logicalType = try r.structure(t, as: LogicalType.self)
            default: return false
            }
            return true
        }
        guard sawName else { throw ParquetError.corrupt("SchemaElement without a name") }
        self = e
    }
}
