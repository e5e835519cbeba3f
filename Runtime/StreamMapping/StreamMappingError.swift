/// Why an event-source mapping could not be set up or could not keep its files.
public enum StreamMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A property of the `DynamoDB` event is out of range or malformed.
    case invalidSetting(mapping: String, setting: String, message: String)
    /// The event's `Stream` names no table that is known here.
    case unknownTable(mapping: String, stream: String)
    /// No function pool was given for the mapping's function.
    case unknownFunction(mapping: String, function: String)
    /// A `FilterCriteria` pattern is not valid filter syntax.
    case invalidFilterPattern(pattern: String, message: String)
    /// A checkpoint or failure file could not be read or written.
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .invalidSetting(let mapping, let setting, let message): "\(mapping): \(setting): \(message)"
        case .unknownTable(let mapping, let stream): "\(mapping): no table for stream '\(stream)'"
        case .unknownFunction(let mapping, let function): "\(mapping): no function '\(function)'"
        case .invalidFilterPattern(let pattern, let message): "invalid filter pattern \(pattern): \(message)"
        case .io(let path, let message): "\(path): \(message)"
        }
    }
}
