/// Why an ``HTTPConnection`` exchange produced no (whole) response.
public struct HTTPConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The host name did not resolve.
        case resolve
        /// No connection could be opened (refused, unreachable, connect timeout).
        case connect
        /// The configured request timeout passed without the whole response.
        case timeout
        /// Writing the request failed.
        case send
        /// Reading the response failed (reset…).
        case receive
        /// The server closed the connection before sending any byte of the response.
        case closedBeforeResponse
        /// The server closed the connection in the middle of the response.
        case closedMidResponse
        /// The response is not HTTP/1.x (bad status line or chunk size).
        case malformed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
