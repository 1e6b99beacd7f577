import Foundation
import TierWire

/// JSON read from a file, from stdin (`-`) or from an argument.
enum JSONInput {
    /// Reads and parses a file, or stdin for `-`.
    static func read(file: String) throws(CtlFailure) -> JSONValue {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw .usage("cannot read \(file)")
            }
            data = contents
        }
        return try parse(data, source: file == "-" ? "stdin" : file)
    }

    /// Parses JSON text.
    static func parse(_ data: Data, source: String) throws(CtlFailure) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .usage("\(source) is not valid JSON: \(Self.reason(error, data))")
        }
    }

    /// JSONDecoder says only "not valid JSON"; JSONSerialization says where.
    private static func reason(_ error: any Error, _ data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        if case DecodingError.dataCorrupted(let context)? = error as? DecodingError { return context.debugDescription }
        return String(describing: error)
    }
}
