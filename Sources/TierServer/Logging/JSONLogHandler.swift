import Foundation
import Logging

/// Structured logs: one JSON object per line on stderr, with `ts`, `level`,
/// `label`, `msg` and the metadata as string members.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let line = Self.line(
            label: label, level: event.level, message: "\(event.message)",
            metadata: metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }))
        // One write(2) per line keeps lines from concurrent loggers whole.
        line.withUnsafeBytes { bytes in
            _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count)
        }
    }

    /// One log line: a JSON object with sorted keys and a newline.
    static func line(label: String, level: Logger.Level, message: String, metadata: Logger.Metadata, now: Date = Date()) -> Data {
        var object: [String: String] = ["ts": WireTime.formatPrecise(now), "level": level.rawValue, "label": label, "msg": message]
        for (key, value) in metadata {
            object[key] = "\(value)"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = (try? encoder.encode(object)) ?? Data(#"{"msg":"unencodable log line"}"#.utf8)
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Bootstraps swift-log once per process with the configured format and level;
    /// either format masks personal data first (``RedactingLogHandler``).
    public static func bootstrap(format: String, level: String) {
        let level = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            if format == "text" {
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return RedactingLogHandler(wrapping: handler)
            }
            return RedactingLogHandler(wrapping: JSONLogHandler(label: label, level: level))
        }
    }
}
