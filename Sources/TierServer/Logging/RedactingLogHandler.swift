import Logging

/// A log handler that masks personal data (``PersonalDataRedactor``) in the message
/// and every metadata value before another handler writes the line.
public struct RedactingLogHandler: LogHandler {
    private var wrapped: any LogHandler

    public init(wrapping handler: any LogHandler) {
        wrapped = handler
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(PersonalDataRedactor.redact("\(event.message)"))"
        var metadata = event.metadata?.mapValues { Logger.MetadataValue.string(PersonalDataRedactor.redact("\($0)")) }
        if let error = event.error {
            // An attached error's text goes out redacted, as metadata, or not at all.
            metadata = metadata ?? [:]
            if metadata?["error"] == nil { metadata?["error"] = .string(PersonalDataRedactor.redact("\(error)")) }
            event.error = nil
        }
        event.metadata = metadata
        wrapped.log(event: event)
    }
}
