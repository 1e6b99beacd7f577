import Foundation

/// Test CSV files written to the temporary directory.
enum TemporaryCSV {
    /// Writes `text` (UTF-8) to a fresh file and returns its path.
    static func write(_ text: String, name: String = "import") throws -> String {
        try write(bytes: Array(text.utf8), name: name)
    }

    /// Writes raw bytes to a fresh file and returns its path.
    static func write(bytes: [UInt8], name: String = "import") throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tierd-\(name)-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Deletes a file written by ``write(_:name:)`` (ignoring failures).
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
