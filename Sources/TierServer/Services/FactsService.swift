import Foundation
import TierWire

/// The `facts.*` methods: the policy admin system pushes customers, policies,
/// family registrations, risk surveys and complaints.
///
/// Each call carries the whole record: optional fields left out take their
/// defaults (null, or the default the protocol documents), except the customer's
/// household and a family registration's date, which stay as they are when not
/// given. Each is idempotent by its external key: the same call again returns the
/// same id with `created` false and changes nothing (and audits nothing). Every
/// field is checked before the database is touched; what only the database can
/// check comes back as `invalid_params` with the field's path too. Each write
/// records an `audit_log` row with the principal in the same transaction.
public enum FactsService {
    /// Enumerations exactly as the schema's CHECK constraints have them.
    static let genders = ["male", "female", "other", "unknown"]
    static let productLines = ["accident", "health", "life", "investment_linked", "universal_life", "other"]
    static let terms = ["long", "short"]
    static let premiumFrequencies = ["single", "annual", "semiannual", "quarterly", "monthly"]
    static let policyStatuses = ["active", "lapsed", "surrendered", "matured", "cancelled", "claimed"]
    static let policyChannels = ["counter", "website", "wechat", "phone", "agent", "bancassurance", "other"]
    static let relations = ["spouse", "child", "parent", "sibling", "other"]
    static let instruments = ["questionnaire", "game"]
    static let riskProfiles = ["averse", "neutral", "seeking"]
    static let complaintCategories = ["sales", "claims", "service", "underwriting", "billing", "product", "staff", "other"]
    static let complaintOutcomes = ["pending", "upheld", "rejected", "withdrawn"]
}
