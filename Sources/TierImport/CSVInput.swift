import Foundation

/// Where a ``CSVReader`` gets its bytes: a file read in chunks, or bytes in memory.
final class CSVInput {
    private enum Source {
        case file(Int32)
        case memory([UInt8], position: Int)
        case closed
    }

    private var source: Source
    private let chunkSize: Int
    /// The size of the input in bytes, when known.
    let totalBytes: Int?

    /// Opens a file for reading.
    init(path: String, chunkSize: Int) throws(CSVError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CSVError(.unreadable, line: 0, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CSVError(.unreadable, line: 0, "cannot read \(path): it is a directory")
        }
        let size = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
        source = .file(descriptor)
        totalBytes = size
        self.chunkSize = max(chunkSize, 16)
    }

    /// Reads from bytes in memory.
    init(bytes: [UInt8], chunkSize: Int) {
        source = .memory(bytes, position: 0)
        totalBytes = bytes.count
        self.chunkSize = max(chunkSize, 1)
    }

    deinit { closeFile() }

    /// Replaces `buffer`'s contents with the next chunk; an empty buffer means the end.
    func read(into buffer: inout [UInt8]) throws(CSVError) {
        buffer.removeAll(keepingCapacity: true)
        switch source {
        case .closed:
            return
        case .memory(let bytes, let position):
            let end = min(bytes.count, position + chunkSize)
            buffer.append(contentsOf: bytes[position..<end])
            source = end == bytes.count ? .closed : .memory(bytes, position: end)
        case .file(let descriptor):
            buffer.reserveCapacity(chunkSize)
            var got = 0
            buffer.append(contentsOf: repeatElement(0, count: chunkSize))
            while true {
                got = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, chunkSize) }
                if got >= 0 || errno != EINTR { break }
            }
            guard got >= 0 else {
                let reason = String(cString: strerror(errno))
                buffer.removeAll(keepingCapacity: true)
                closeFile()
                throw CSVError(.unreadable, line: 0, "read failed: \(reason)")
            }
            buffer.removeLast(chunkSize - got)
            if got == 0 { closeFile() }
        }
    }

    private func closeFile() {
        if case .file(let descriptor) = source { close(descriptor) }
        source = .closed
    }
}
