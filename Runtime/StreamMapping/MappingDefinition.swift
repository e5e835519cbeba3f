import SluiceTemplate

/// One event-source mapping: a function, the table whose stream it reads, and its settings.
public struct MappingDefinition: Sendable, Hashable {
    /// `<FunctionLogicalId>-<EventName>`: names the checkpoint and failure files.
    public var name: String
    /// The function's logical id (the key of its pool).
    public var functionLogicalId: String
    /// The table whose stream is read.
    public var tableName: String
    public var settings: MappingSettings

    public init(name: String, functionLogicalId: String, tableName: String, settings: MappingSettings = MappingSettings()) {
        self.name = name
        self.functionLogicalId = functionLogicalId
        self.tableName = tableName
        self.settings = settings
    }

    /// A mapping for every `Type: DynamoDB` event of `functions`. The table is found by the logical id in
    /// `Stream: !GetAtt T.StreamArn` (among `tables`) or by the table name inside a resolved stream ARN.
    public static func fromTemplate(functions: [FunctionDefinition], tables: [TableDefinition])
        throws(StreamMappingError) -> [MappingDefinition]
    {
        var out: [MappingDefinition] = []
        for function in functions {
            for event in function.events(ofType: "DynamoDB") {
                let name = "\(function.logicalId)-\(event.name)"
                let tableName: String
                if let logicalId = event.streamTableLogicalId, let table = tables.first(where: { $0.logicalId == logicalId }) {
                    tableName = table.tableName
                } else if let arn = event.stream, let fromArn = LocalResolver.tableName(fromArn: arn) {
                    tableName = fromArn
                } else {
                    throw .unknownTable(mapping: name, stream: event.stream ?? event.streamTableLogicalId ?? "(none)")
                }
                out.append(MappingDefinition(
                    name: name, functionLogicalId: function.logicalId, tableName: tableName,
                    settings: try MappingSettings(event: event, mapping: name)))
            }
        }
        return out
    }
}
