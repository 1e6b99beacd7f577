/// The next id of every generated table, advanced household by household.
///
/// Ids are explicit and dense (1, 2, 3, ...) in generation order, so each table
/// pass, replaying the households in order, gives every row the same id.
struct IdCursor {
    var customer = 1
    var employee = 1
    var registration = 1
    var policy = 1
    var complaint = 1
    var interaction = 1
    var survey = 1

    /// Moves past the rows of `plan` (only the parts that were generated count).
    mutating func advance(past plan: HouseholdPlan) {
        customer += plan.members.count
        employee += plan.employee == nil ? 0 : 1
        registration += plan.registrations.count
        policy += plan.policies.count
        complaint += plan.complaints.count
        interaction += plan.interactions.count
        survey += plan.surveys.count
    }
}
