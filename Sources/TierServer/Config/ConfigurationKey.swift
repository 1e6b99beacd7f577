import Foundation

/// One setting of `ServerConfiguration`: its dotted name in the config file, the
/// environment variable that overrides it, and how to set it from text.
public struct ConfigurationKey: Sendable {
    /// Dotted path in the YAML file, e.g. `limits.max_in_flight`.
    public let path: String
    /// One-line meaning, for docs and errors.
    public let help: String
    let apply: @Sendable (inout ServerConfiguration, String) throws(ConfigurationError) -> Void

    /// `TIERD_` and the path in upper case with dots as underscores.
    public var environmentVariable: String {
        "TIERD_" + path.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    static func string(
        _ path: String, _ help: String, _ key: WritableKeyPath<ServerConfiguration, String> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, help: help) { configuration, text in configuration[keyPath: key] = text }
    }

    static func int(
        _ path: String, _ help: String, _ key: WritableKeyPath<ServerConfiguration, Int> & Sendable, minimum: Int = 1
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, help: help) { configuration, text throws(ConfigurationError) in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= minimum else {
                throw ConfigurationError("\(path) must be an integer of at least \(minimum), not '\(text)'")
            }
            configuration[keyPath: key] = value
        }
    }

    static func seconds(
        _ path: String, _ help: String, _ key: WritableKeyPath<ServerConfiguration, Double> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, help: help) { configuration, text throws(ConfigurationError) in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value > 0, value.isFinite else {
                throw ConfigurationError("\(path) must be a positive number of seconds, not '\(text)'")
            }
            configuration[keyPath: key] = value
        }
    }

    static func flag(
        _ path: String, _ help: String, _ key: WritableKeyPath<ServerConfiguration, Bool> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, help: help) { configuration, text throws(ConfigurationError) in
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "on", "yes", "1": configuration[keyPath: key] = true
            case "false", "off", "no", "0": configuration[keyPath: key] = false
            default: throw ConfigurationError("\(path) must be true or false, not '\(text)'")
            }
        }
    }

    /// `jobs.<job>.schedule`.
    static func schedule(_ job: String, _ standard: JobSchedule) -> ConfigurationKey {
        ConfigurationKey(path: "jobs.\(job).schedule", help: "when the \(job) job runs (default \(standard))") {
            configuration, text throws(ConfigurationError) in
            do throws(ConfigurationError) {
                configuration.jobs.schedules[job] = try JobSchedule(parsing: text)
            } catch {
                throw ConfigurationError("jobs.\(job).schedule: \(error.message)")
            }
        }
    }

    static func choice(
        _ path: String, _ help: String, _ key: WritableKeyPath<ServerConfiguration, String> & Sendable, _ allowed: [String]
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, help: help) { configuration, text throws(ConfigurationError) in
            guard allowed.contains(text) else {
                throw ConfigurationError("\(path) must be one of \(allowed.joined(separator: ", ")), not '\(text)'")
            }
            configuration[keyPath: key] = text
        }
    }
}

/// A configuration that cannot be used.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
