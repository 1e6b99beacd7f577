/// Where a value sits, for error paths: the root name and the coding keys below it.
struct ValuePath {
    let root: String
    let keys: [any CodingKey]

    init(root: String, keys: [any CodingKey] = []) {
        self.root = root
        self.keys = keys
    }

    func appending(_ key: any CodingKey) -> ValuePath {
        ValuePath(root: root, keys: keys + [key])
    }

    func appending(index: Int) -> ValuePath {
        appending(IndexKey(index))
    }

    /// Like `params.items[2].code`.
    var description: String { Self.format(root: root, keys) }

    static func format(root: String, _ keys: [any CodingKey]) -> String {
        var text = root
        for key in keys {
            if let index = key as? IndexKey {
                text += "[\(index.index)]"
            } else {
                text += "." + key.stringValue
            }
        }
        return text
    }
}

/// The coding key of an array element.
struct IndexKey: CodingKey {
    let index: Int

    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.index = intValue }

    var stringValue: String { "[\(index)]" }
    var intValue: Int? { index }
}
