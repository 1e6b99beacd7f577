import ArgumentParser
import Foundation
import TierPolicy

/// A JSON object of facts by path, as `tierd policy explain --facts` reads it.
struct FactsFile {
    let path: String

    func read(schema: FactSchema) throws -> FactSet {
        guard let data = FileManager.default.contents(atPath: path) else { throw FactsFileError("cannot read \(path)") }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FactsFileError("\(path) must hold a JSON object of facts by path")
        }
        var asOf = PolicyTestRunner.defaultAsOf
        if let text = object["context.as_of"] as? String {
            guard let day = CivilDate.parse(text) else { throw FactsFileError("context.as_of must be YYYY-MM-DD") }
            asOf = day
        }
        let channel = object["context.channel"] as? String ?? PolicyTestRunner.defaultChannel
        var values = FactValueReader.defaults(schema: schema, asOf: asOf, channel: channel)
        for (key, raw) in object {
            guard let slot = schema.slot(of: key) else { throw FactsFileError("no fact named '\(key)'") }
            guard let value = Self.value(raw, as: schema[slot].type) else {
                throw FactsFileError("fact \(key) must be \(schema[slot].type)")
            }
            values[key] = value
        }
        FactValueReader.deriveAge(&values)
        do { return try FactSet(values, schema: schema) } catch { throw FactsFileError(error.description) }
    }

    private static func value(_ raw: Any, as type: PolicyType) -> PolicyValue? {
        if raw is NSNull { return .missing }
        if case .list(let element) = type {
            guard let items = raw as? [Any] else { return nil }
            var values: [PolicyValue] = []
            for item in items {
                guard let value = value(item, as: element) else { return nil }
                values.append(value)
            }
            return .list(values)
        }
        if type == .bool, let flag = raw as? Bool { return .bool(flag) }
        if let number = raw as? NSNumber, type != .string { return FactValueReader.scalar(number.stringValue, as: type) }
        if let text = raw as? String { return FactValueReader.scalar(text, as: type) }
        return nil
    }
}

/// A facts file that cannot be used, reported without the usage text.
struct FactsFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
