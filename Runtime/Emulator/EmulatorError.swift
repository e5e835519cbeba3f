/// Errors of the local emulators, with messages that say what to do.
public enum EmulatorError: Error, CustomStringConvertible, Sendable {
    case spawnFailed(command: String, reason: String)
    case portInUse(host: String, port: Int)
    case bindFailed(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .spawnFailed(let command, let reason):
            "cannot start '\(command)': \(reason) (is the function built? is the path right?)"
        case .portInUse(let host, let port):
            "port \(port) on \(host) is already in use: stop what uses it or choose another port"
        case .bindFailed(let host, let port, let reason): "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
