extension PolicySetBuilder {
    /// Parses and compiles the expression written in a scalar node.
    func expression(_ node: PolicyNode, expecting type: PolicyType?, what: String) -> CompiledExpression? {
        guard let text = node.scalar else {
            sink.add(.wrongNodeKind, "\(what) must be an expression on one line (quote it if it has ': ' or '#'), not \(node.shapeName)", at: node.location)
            return nil
        }
        return expression(text, at: node.contentLocation, expecting: type)
    }

    func expression(_ text: String, at location: PolicyLocation, expecting type: PolicyType?) -> CompiledExpression? {
        let parsed: Expression
        switch ExpressionParser.parse(text, at: location) {
        case .failure(let list): sink.add(list); return nil
        case .success(let expression): parsed = expression
        }
        switch ExpressionCompiler(scope: scope).compile(parsed, expecting: type) {
        case .failure(let list): sink.add(list); return nil
        case .success(let compiled): return compiled
        }
    }

    /// Named values (params, payload), each an expression: `72`, `0.10`,
    /// `'"vip"'` (a string), `tier.value == "diamond" ? 0.10 : 0.08`.
    func namedValues(_ node: PolicyNode?, what: String) -> [(name: String, value: CompiledExpression)] {
        guard let node else { return [] }
        guard let entries = node.entries else {
            sink.add(.wrongNodeKind, "\(what) must be a mapping of names to values", at: node.location)
            return []
        }
        return entries.compactMap { entry in
            expression(entry.value, expecting: nil, what: "\(what) '\(entry.key)'").map { (entry.key, $0) }
        }
    }

    /// Reads a key template: literal text with `{expression}` placeholders.
    func keyTemplate(_ node: PolicyNode) -> KeyTemplate? {
        guard let text = node.scalar else {
            sink.add(.wrongNodeKind, "a key must be text with {placeholders}, not \(node.shapeName)", at: node.location)
            return nil
        }
        var parts: [KeyTemplate.Part] = []
        var literal = ""
        var scalars = Array(text.unicodeScalars)[...]
        var offset = 0
        var failed = false
        while let scalar = scalars.popFirst() {
            offset += 1
            if scalar == "}" {
                sink.add(.invalidTemplate, "'}' without a '{' before it", at: node.contentLocation.advanced(by: offset - 1))
                return nil
            }
            guard scalar == "{" else { literal.unicodeScalars.append(scalar); continue }
            guard let close = scalars.firstIndex(of: "}") else {
                sink.add(.invalidTemplate, "'{' is not closed with '}'", at: node.contentLocation.advanced(by: offset - 1))
                return nil
            }
            let inner = String(String.UnicodeScalarView(scalars[..<close]))
            if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
            if inner.trimmingCharacters(in: .whitespaces).isEmpty {
                sink.add(.invalidTemplate, "an empty placeholder '{}'", at: node.contentLocation.advanced(by: offset - 1))
                return nil
            }
            if let compiled = expression(inner, at: node.contentLocation.advanced(by: offset), expecting: nil) {
                parts.append(.value(compiled))
            } else {
                failed = true
            }
            offset += inner.unicodeScalars.count + 1
            scalars = scalars[scalars.index(after: close)...]
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        guard !failed else { return nil }
        guard parts.contains(where: { if case .value = $0 { return true } else { return false } }) else {
            sink.add(.invalidTemplate, "a task key needs at least one {placeholder}, or every customer would share one task", at: node.location)
            return nil
        }
        return KeyTemplate(parts: parts)
    }
}
