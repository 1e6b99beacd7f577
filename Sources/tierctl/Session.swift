import Foundation
import TierClient
import TierWire

/// A connected, authenticated client for one command.
struct Session {
    let client: TierClient
    /// The `session.hello` result as it came.
    let helloResult: JSONValue
    let hello: SessionHello.Result
    /// Whether to print raw JSON.
    let json: Bool

    /// Connects and says hello; fails with the exit statuses of `CtlFailure`.
    static func open(_ options: GlobalOptions) async throws(CtlFailure) -> Session {
        let settings = try options.settings()
        guard let token = settings.token, !token.isEmpty else {
            throw .usage("no token: pass --token, set TIERCTL_TOKEN, or put `token:` in the config file")
        }
        var clientOptions = TierClientOptions()
        clientOptions.clientName = "tierctl"
        clientOptions.connectTimeout = .milliseconds(Int64(options.timeout * 1000))
        clientOptions.requestTimeout = .milliseconds(Int64(options.timeout * 1000))
        let client: TierClient
        do {
            client = try await TierClient.connect(to: settings.address, tls: settings.tls, options: clientOptions)
        } catch {
            throw .connection(error)
        }
        do {
            let raw = try await client.callRaw(SessionHello.self, SessionHello.Params(token: token, client: "tierctl"))
            let hello = try decode(SessionHello.Result.self, raw)
            return Session(client: client, helloResult: raw, hello: hello, json: options.json)
        } catch {
            await client.close()
            throw CtlFailure.from(error)
        }
    }

    /// Calls a method; returns the raw result and the decoded one.
    func call<M: RPCMethod>(_ method: M.Type, _ params: M.Params) async throws(CtlFailure) -> (raw: JSONValue, result: M.Result) {
        do {
            let raw = try await client.callRaw(method, params)
            return (raw, try Self.decode(M.Result.self, raw))
        } catch {
            throw CtlFailure.from(error)
        }
    }

    /// Calls any method with untyped params.
    func callRaw(_ method: String, _ params: JSONValue?) async throws(CtlFailure) -> JSONValue {
        do {
            return try await client.callRaw(method: method, params: params)
        } catch {
            throw CtlFailure.from(error)
        }
    }

    func close() async {
        await client.close()
    }

    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws(CtlFailure) -> T {
        do {
            return try JSONValueDecoder().decode(type, from: value, path: "result")
        } catch {
            throw CtlFailure(
                code: "invalid_reply", message: "the result does not decode: \(error)", status: CtlFailure.connectionStatus)
        }
    }
}

/// Runs a command body with a session, closing it afterwards whatever happens.
func withSession(_ options: GlobalOptions, _ body: (Session) async throws(CtlFailure) -> Void) async throws(CtlFailure) {
    let session = try await Session.open(options)
    do {
        try await body(session)
    } catch {
        await session.close()
        throw error
    }
    await session.close()
}
