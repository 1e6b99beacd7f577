/// The enumerations of the schema, exactly as its CHECK constraints list them.
enum Vocabulary {
    /// `customers_gender_check`.
    static let gender = ["male", "female", "other", "unknown"]
    /// `policies_product_line_check`.
    static let productLine = ["accident", "health", "life", "investment_linked", "universal_life", "other"]
    /// `policies_term_check`.
    static let term = ["long", "short"]
    /// `policies_premium_frequency_check`.
    static let premiumFrequency = ["single", "annual", "semiannual", "quarterly", "monthly"]
    /// `policies_status_check`.
    static let status = ["active", "lapsed", "surrendered", "matured", "cancelled", "claimed"]
    /// `policies_channel_check`.
    static let channel = ["counter", "website", "wechat", "phone", "agent", "bancassurance", "other"]
}
