import Foundation
import TierWire

/// `tasks.complete` params, checked against the policy's churn reasons.
struct Completion: Sendable {
    /// The kind whose completion may record a churn reason (seed 004 §2.2.3 (3)).
    static let revisitKind = "revisit"

    var taskId: Int64
    var token: UUID
    var outcome: String
    var churnReason: String?
    var note: String?

    /// Checks the params; `invalid_params` names the first field that does not fit.
    init(_ params: TasksComplete.Params, churnReasons: [String]) throws(RPCError) {
        taskId = params.taskId
        token = try TaskParams.leaseToken(params.leaseToken)
        outcome = try TaskParams.outcome(params.outcome)
        churnReason = try params.churnReason.map { reason throws(RPCError) in
            try FieldCheck.oneOf(reason, churnReasons, "churn_reason")
        }
        note = try FieldCheck.optionalText(params.note, "note", maximum: TaskParams.longestText)
    }

    /// Whether `task` is this very completion, already recorded: a retry after the
    /// answer was lost gets the same answer.
    func isRecorded(in task: TaskRow) -> Bool {
        task.status == "done" && task.leaseToken == token && task.outcome == outcome && task.churnReason == churnReason
    }

    /// Only revisits record why the customer stopped buying.
    func check(kind: String) throws(RPCError) {
        guard churnReason == nil || kind == Self.revisitKind else {
            throw RPCError.invalidParams(
                path: "params.churn_reason", "churn_reason is only for \(Self.revisitKind) tasks; task \(taskId) is a \(kind) task")
        }
    }
}
