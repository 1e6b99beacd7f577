/// A usage or setup error of the benchmark, with a message for the person running it.
public struct BenchError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
