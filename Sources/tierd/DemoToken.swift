import Foundation
import TierServer
import TierStore
import TierWire

/// The demo's admin token, kept in `<data-dir>/token` (mode 0600) so tierctl and
/// the examples can read it. Made once; made again if the file is gone or its
/// client was revoked.
struct DemoToken {
    static let clientName = "demo-admin"
    let dataDirectory: String

    var path: String { (dataDirectory as NSString).appendingPathComponent("token") }

    func ensure(conninfo: String) throws -> DemoToken {
        let connection = try PGConnection(conninfo: conninfo)
        if let saved = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           try ClientRegistry.authenticate(token: saved, on: connection) != nil {
            return self
        }
        // Client names are unique forever (revoked ones included), so each new token gets its own.
        let issued = try ClientRegistry.add(
            name: "\(Self.clientName)-\(Int(Date().timeIntervalSince1970))", role: .admin,
            principal: "tierd demo", on: connection)
        guard FileManager.default.createFile(
            atPath: path, contents: Data((issued.token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return self
    }
}
