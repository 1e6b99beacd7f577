/// What a CSV file holds, and so which table it loads.
public enum ImportKind: String, Sendable, CaseIterable {
    /// Customers (with their households), keyed by `external_ref`.
    case customers
    /// Policies, keyed by `policy_no`, referring to customers by `customer_ref`.
    case policies

    /// The columns a file of this kind may have.
    public var columns: [ImportColumn] {
        switch self {
        case .customers: CustomerRows.columns
        case .policies: PolicyRows.columns
        }
    }
}
