import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds ports a new server can listen on.
enum PortAllocator {
    /// Whether nothing listens on 127.0.0.1:`port` (always true when not `checkTCP`).
    ///
    /// Socket files are not checked: the cluster's socket directory is private to
    /// it, so a `.s.PGSQL.<port>` there can only be left by its own crashed server,
    /// which PostgreSQL cleans up itself.
    static func isFree(_ port: Int, checkTCP: Bool) -> Bool {
        !checkTCP || bindLoopback(port: port) != nil
    }

    /// A port the kernel considers free now (bind 127.0.0.1:0, read it, close).
    static func ephemeralPort() -> Int? {
        bindLoopback(port: 0)
    }

    /// Binds a TCP socket to 127.0.0.1:`port` (with `SO_REUSEADDR`, like the
    /// server does) and closes it; returns the bound port, or `nil` if bind failed.
    private static func bindLoopback(port: Int) -> Int? {
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, type, 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var one: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
