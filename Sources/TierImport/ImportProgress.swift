/// Where an import stands, reported while it runs.
public struct ImportProgress: Sendable, Equatable {
    /// The stages of an import.
    public enum Phase: String, Sendable {
        /// Reading, validating and staging rows.
        case reading
        /// Checking references and keys against the database.
        case checking
        /// Inserting into the real tables.
        case inserting
        /// Finished (committed or refused).
        case done
    }

    /// The current stage.
    public var phase: Phase
    /// Data rows read so far (the header not counted).
    public var rowsRead: Int
    /// Bytes of the file consumed so far.
    public var bytesRead: Int
    /// The file's size in bytes, when known.
    public var totalBytes: Int?

    /// Makes a progress report.
    public init(phase: Phase, rowsRead: Int, bytesRead: Int, totalBytes: Int?) {
        self.phase = phase
        self.rowsRead = rowsRead
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }

    /// The fraction of the file read, 0...1, when the size is known.
    public var fraction: Double? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        return min(1, Double(bytesRead) / Double(totalBytes))
    }

    /// The number of rows the file probably holds, from the bytes per row so far.
    public var estimatedTotalRows: Int? {
        guard let totalBytes, bytesRead > 0, rowsRead > 0 else { return nil }
        if phase != .reading || bytesRead >= totalBytes { return rowsRead }
        return max(rowsRead, Int((Double(rowsRead) * Double(totalBytes) / Double(bytesRead)).rounded()))
    }
}
