import Logging
import TierStore
import TierWire
import TierSync

/// Fans PostgreSQL's `tierd_tasks` notifications out to the connections that called
/// `tasks.subscribe`. The notifications come from a trigger on `tasks`, so a task
/// made by any daemon on the database reaches the subscribers of every daemon.
///
/// After the listener (re)connects, notifications sent meanwhile are lost, so every
/// subscriber is told "any kind" (`kind` absent) and should claim.
public final class TaskNotifier: Sendable {
    /// The channel the `tasks` trigger notifies, with the task's kind as payload.
    public static let channel = "tierd_tasks"

    struct Subscriber: Sendable {
        var kinds: Set<String>?
        var deliver: @Sendable (String?) -> Void
    }

    private let listener: PGListener
    private let subscribers = Locked<[ObjectIdentifier: Subscriber]>([:])
    private let logger: Logger

    public init(conninfo: String, logger: Logger) {
        listener = PGListener(conninfo: conninfo, channels: [Self.channel], logger: logger)
        self.logger = logger
    }

    /// Listens until `stop()`.
    public func run() async {
        listener.start()
        for await event in listener.events {
            switch event {
            case .connected: publish(kind: nil)
            case .notification(let notification): publish(kind: notification.payload.isEmpty ? nil : notification.payload)
            case .disconnected(let error):
                logger.warning("task notifications interrupted; reconnecting", metadata: ["error": "\(error)"])
            }
        }
    }

    public func stop() { listener.stop() }

    /// Registers (or replaces) a connection's subscription; nil kinds means every kind.
    func subscribe(_ owner: ObjectIdentifier, kinds: Set<String>?, deliver: @escaping @Sendable (String?) -> Void) {
        subscribers.withLock { $0[owner] = Subscriber(kinds: kinds, deliver: deliver) }
    }

    func unsubscribe(_ owner: ObjectIdentifier) {
        _ = subscribers.withLock { $0.removeValue(forKey: owner) }
    }

    /// Subscribed connections.
    public var count: Int { subscribers.withLock { $0.count } }

    /// Delivers to every subscriber that wants the kind (all of them for nil).
    func publish(kind: String?) {
        let targets = subscribers.withLock { Array($0.values) }
        for subscriber in targets {
            if let kind, let kinds = subscriber.kinds, !kinds.contains(kind) { continue }
            subscriber.deliver(kind)
        }
    }
}
