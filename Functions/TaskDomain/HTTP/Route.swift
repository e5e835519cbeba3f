import LambdaEvents

/// The API's routes, matched on the request path's segments.
public enum Route: Sendable, Hashable {
    case users                               // /users
    case user(String)                        // /users/{userId}
    case userTasks(String)                   // /users/{userId}/tasks
    case userTask(String, String)            // /users/{userId}/tasks/{taskId}
    case tasks                               // /tasks

    /// Which Lambda function serves which routes.
    public enum Surface: Sendable, Hashable {
        /// `/users` and `/users/{userId}` (UsersAPI).
        case users
        /// `/users/{userId}/tasks…` and `/tasks` (TasksAPI).
        case tasks
        /// Everything (tests, a single-function deployment).
        case all

        func serves(_ route: Route) -> Bool {
            switch (self, route) {
            case (.all, _), (.users, .users), (.users, .user): true
            case (.tasks, .userTasks), (.tasks, .userTask), (.tasks, .tasks): true
            default: false
            }
        }
    }

    /// The methods a route answers.
    var methods: Set<String> {
        switch self {
        case .users, .userTasks: ["GET", "POST"]
        case .user, .userTask: ["GET", "PATCH", "DELETE"]
        case .tasks: ["GET"]
        }
    }

    /// The route of a path such as `/users/u1/tasks`; `nil` for anything else. Segments are percent-decoded.
    public init?(path: String) {
        let segments = path.split(separator: "/").map { Self.percentDecoded($0) }
        guard segments.allSatisfy({ $0 != nil }) else { return nil }
        switch segments.compactMap({ $0 }) {
        case ["users"]: self = .users
        case ["tasks"]: self = .tasks
        case let s where s.count == 2 && s[0] == "users": self = .user(s[1])
        case let s where s.count == 3 && s[0] == "users" && s[2] == "tasks": self = .userTasks(s[1])
        case let s where s.count == 4 && s[0] == "users" && s[2] == "tasks": self = .userTask(s[1], s[3])
        default: return nil
        }
    }

    /// The request's route: its path (the stage prefix, if any, removed).
    init?(request: APIGatewayV2Request) {
        var path = request.requestContext.http.path
        let stage = request.requestContext.stage
        if stage != "$default", path.hasPrefix("/" + stage + "/") { path = String(path.dropFirst(stage.count + 1)) }
        self.init(path: path)
    }

    static func percentDecoded(_ segment: Substring) -> String? {
        guard segment.contains("%") else { return String(segment) }
        var bytes: [UInt8] = []
        var it = Array(segment.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%") {
                guard it.count >= 2, let hi = hex(it.popFirst()!), let lo = hex(it.popFirst()!) else { return nil }
                bytes.append(hi << 4 | lo)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// An id usable in a key: 1–128 characters, no `#`, no control characters.
    static func isValidID(_ id: String) -> Bool {
        (1...128).contains(id.count) && !id.unicodeScalars.contains { $0 == "#" || $0.value < 0x20 || $0.value == 0x7F }
    }
}
