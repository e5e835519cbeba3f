/// A task's lifecycle state.
///
/// ```
/// pending ──▶ in_progress ──▶ done
///    │             │
///    └─────────────┴──▶ cancelled
/// ```
/// Any other change (e.g. `done → pending`, `cancelled → in_progress`) is illegal (HTTP 409). Setting the
/// status a task already has is not a transition and is allowed (a no-op for the status).
public enum TaskStatus: String, Sendable, Hashable, CaseIterable {
    case pending
    case inProgress = "in_progress"
    case done
    case cancelled

    /// Whether a task in this state may move to `next`.
    public func canTransition(to next: TaskStatus) -> Bool {
        if next == self { return true }
        switch (self, next) {
        case (.pending, .inProgress), (.inProgress, .done), (.pending, .cancelled), (.inProgress, .cancelled): return true
        default: return false
        }
    }

    /// The accepted spellings, for error messages.
    static let choices = allCases.map(\.rawValue).joined(separator: ", ")
}

/// A task's priority.
public enum TaskPriority: String, Sendable, Hashable, CaseIterable {
    case low, medium, high
    static let choices = allCases.map(\.rawValue).joined(separator: ", ")
}

/// A user's role, as stored on the profile. (Authorization itself follows the caller's token groups.)
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    case user, admin
    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
    static let choices = allCases.map(\.rawValue).joined(separator: ", ")
}
