import Foundation

/// Writes terminal output straight to a file descriptor, unbuffered, so a redraw
/// shows at once: the progress displays' one way out.
enum TerminalWrite {
    /// Writes all of `text` to `fileDescriptor`; gives up quietly when the terminal
    /// is gone (a display is not worth failing the job for).
    static func write(_ text: String, to fileDescriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }
}
