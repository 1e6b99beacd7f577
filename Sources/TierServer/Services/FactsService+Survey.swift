import Foundation
import TierStore
import TierWire

extension FactsService {
    /// `facts.survey.record`: a risk-preference survey or game result, by external id.
    public static func recordSurvey(
        _ params: FactsSurveyRecord.Params, principal: Principal, pool: PGPool
    ) async throws -> FactsUpsertResult {
        let externalId = try FieldCheck.text(params.externalId, "external_id")
        let customer = try CustomerRef(id: params.customerId, externalId: params.customerExternalId)
        let takenAt = try FieldCheck.instant(params.takenAt, "taken_at")
        let instrument = try FieldCheck.oneOf(params.instrument, instruments, "instrument")
        guard (0...100).contains(params.score) else {
            throw RPCError.invalidParams(path: "params.score", "score is 0 (most averse) to 100 (most seeking), not \(params.score)")
        }
        let profile = try FieldCheck.oneOf(params.profile, riskProfiles, "profile")
        let answers = try answersJSON(params.answers)
        return try await FactsWriter.transaction(pool, customerPath: customer.path) { connection in
            let values: PGParameters = [
                externalId, try customer.resolve(on: connection), takenAt, instrument, Int16(params.score), profile, answers,
            ]
            let outcome = try KeyedUpsert(
                find: { try $0.executePrepared("SELECT id FROM risk_surveys WHERE external_ref = $1::text FOR UPDATE", [externalId]).first?.decode(0) },
                update: { connection, _ in try connection.executePrepared(updateSurveySQL, values).affectedRows > 0 },
                insert: { connection in try connection.executePrepared(insertSurveySQL, values).first?.decode(0) }
            ).run(on: connection)
            return try FactsWriter.finish(
                outcome, method: FactsSurveyRecord.name, principal: principal, target: "risk_survey",
                detail: ["external_id": .string(externalId)], on: connection)
        }
    }

    /// The answers as jsonb text: an object or an array; `{}` when not given.
    private static func answersJSON(_ answers: JSONValue?) throws -> PGJSON {
        switch answers {
        case nil, .null?: return PGJSON(text: "{}")
        case .object?, .array?: return try PGJSON(encoding: answers)
        case let other?: throw RPCError.invalidParams(path: "params.answers", "answers is an object or an array, not a \(other.typeName)")
        }
    }

    private static let surveyColumns = "external_ref, customer_id, taken_at, instrument, score, profile, answers"
    private static let surveyValues = "$1::text, $2::bigint, $3::timestamptz, $4::text, $5::smallint, $6::text, $7::jsonb"

    static let updateSurveySQL = """
        UPDATE risk_surveys SET (\(surveyColumns)) = (\(surveyValues))
        WHERE external_ref = $1::text AND (\(surveyColumns)) IS DISTINCT FROM (\(surveyValues))
        """

    static let insertSurveySQL = """
        INSERT INTO risk_surveys (\(surveyColumns)) VALUES (\(surveyValues))
        ON CONFLICT ON CONSTRAINT risk_surveys_external_ref_key DO NOTHING
        RETURNING id
        """
}
