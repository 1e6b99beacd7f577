import Foundation
import TierWire

/// The day and channel a request is evaluated for, checked.
public struct RequestContext: Sendable, Hashable {
    /// The request channels a policy can see.
    public static let channels = ["counter", "website", "wechat", "phone", "agent", "bancassurance", "other"]

    public var asOf: Int
    public var channel: String

    /// Resolves the optional `as_of` and `channel` params: today and `counter` by default.
    public static func resolve(asOf: String?, channel: String?, now: Date) throws(RPCError) -> RequestContext {
        var day = WireTime.today(now)
        if let asOf {
            guard let parsed = WireTime.parseDay(asOf) else {
                throw RPCError.invalidParams(path: "params.as_of", "expected a date YYYY-MM-DD, found '\(asOf)'")
            }
            day = parsed
        }
        let channel = channel ?? "counter"
        guard channels.contains(channel) else {
            throw RPCError.invalidParams(
                path: "params.channel", "expected one of \(channels.joined(separator: ", ")), found '\(channel)'")
        }
        return RequestContext(asOf: day, channel: channel)
    }
}
