// The emulator's endpoints are LocalHTTP servers; its users get the server and request types with it.
@_exported import LocalHTTP
