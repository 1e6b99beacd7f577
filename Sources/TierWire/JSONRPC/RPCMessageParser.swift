import NIOCore

/// Turns one inbound frame into requests, following JSON-RPC 2.0 and protocol v1's limits.
///
/// Order of checks: a byte scan refuses nesting deeper than `maxNestingDepth`
/// (`invalid_request`, "too deeply nested") and batches over `maxBatchSize`
/// before anything is parsed; then bad UTF-8 or bad JSON is a `parse_error`; then
/// an empty batch or a top-level value that is neither an object nor an array is an
/// `invalid_request`. Each request object is checked on its own (see `RPCRequestValidator`).
public enum RPCMessageParser {
    /// Parses one frame (a line without its terminator).
    public static func parse(_ frame: ByteBuffer, limits: WireLimits) -> RPCInbound {
        frame.withUnsafeReadableBytes { parse($0, limits: limits) }
    }

    /// Parses one frame held in `bytes`.
    public static func parse(_ bytes: [UInt8], limits: WireLimits) -> RPCInbound {
        bytes.withUnsafeBytes { parse($0, limits: limits) }
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, limits: WireLimits) -> RPCInbound {
        switch JSONShapeScanner.scan(bytes, maxDepth: limits.maxNestingDepth) {
        case .nulByte:
            return .failure(.parseError("the frame is not valid JSON: it contains a NUL byte"))
        case .tooDeep:
            return .failure(.invalidRequest(
                "the frame is too deeply nested: more than \(limits.maxNestingDepth) levels of arrays and objects"))
        case .shape(.array, let elements) where elements > limits.maxBatchSize:
            return .failure(batchTooLarge(elements, limits))
        case .shape:
            break
        }
        let value: JSONValue
        do {
            value = try FoundationJSONReader.read(bytes)
        } catch {
            return .failure(error)
        }
        switch value {
        case .object:
            return .single(RPCRequestValidator.validate(value))
        case .array(let elements):
            guard !elements.isEmpty else { return .failure(.invalidRequest("the batch is empty")) }
            guard elements.count <= limits.maxBatchSize else { return .failure(batchTooLarge(elements.count, limits)) }
            return .batch(elements.map(RPCRequestValidator.validate))
        default:
            return .failure(.invalidRequest(
                "a frame must be a request object or a batch array, found \(JSONValueDescription.kind(of: value))"))
        }
    }

    private static func batchTooLarge(_ count: Int, _ limits: WireLimits) -> RPCError {
        .invalidRequest("batch of \(count) exceeds the limit of \(limits.maxBatchSize)")
    }
}
