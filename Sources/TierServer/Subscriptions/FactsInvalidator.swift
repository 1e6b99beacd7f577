import Logging
import TierStore

/// Feeds PostgreSQL's `tierd_facts` notifications (sent by the triggers of migration
/// 0011 with a household id, or `*`) into a ``FactsCache``. The cache serves only while
/// this listener is connected.
public final class FactsInvalidator: Sendable {
    /// The channel the fact tables' triggers notify.
    public static let channel = "tierd_facts"

    private let listener: PGListener
    private let cache: FactsCache
    private let logger: Logger

    public init(conninfo: String, cache: FactsCache, logger: Logger) {
        listener = PGListener(conninfo: conninfo, channels: [Self.channel], logger: logger)
        self.cache = cache
        self.logger = logger
    }

    /// Listens until `stop()`; returns at once when the cache is off.
    public func run() async {
        guard cache.capacity > 0 else { return }
        listener.start()
        for await event in listener.events {
            Self.apply(event, to: cache)
            if case .disconnected(let error) = event {
                logger.warning("fact change notifications interrupted; facts cache off until reconnected",
                               metadata: ["error": "\(error)"])
            }
        }
        cache.setListening(false)
    }

    public func stop() { listener.stop() }

    /// What one listener event does to the cache.
    static func apply(_ event: PGListener.Event, to cache: FactsCache) {
        switch event {
        case .connected: cache.setListening(true)
        case .disconnected: cache.setListening(false)
        case .notification(let notification):
            if let household = Int64(notification.payload) {
                cache.invalidate(household: household)
            } else {
                cache.invalidateAll()
            }
        }
    }
}
