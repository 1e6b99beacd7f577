/// Durations as operators read them.
extension Duration {
    /// Seconds with one decimal, e.g. "12.3 s".
    var displaySeconds: String {
        let tenths = Int((Double(components.seconds) + Double(components.attoseconds) / 1e18) * 10 + 0.5)
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
