/// An HTTP answer of the observability endpoint, independent of the socket that carries it.
public struct HTTPReply: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// Extra headers (`Allow` on a 405).
    public var headers: [String: String]

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: [UInt8], headers: [String: String] = [:]) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    /// A plain-text answer.
    public static func text(_ status: Int, _ text: String, headers: [String: String] = [:]) -> HTTPReply {
        HTTPReply(status: status, body: Array(text.utf8), headers: headers)
    }
}
