import ArgumentParser
import TierWire

/// The paging options of the list commands.
struct PageOptions: ParsableArguments {
    @Option(help: "Items per page, 1 to 1000 (default 100).")
    var limit: Int?

    @Option(help: "Start at this next_cursor of an earlier page.")
    var cursor: String?

    @Flag(help: "Follow next_cursor to the last page.")
    var all = false
}

/// The pages of a keyset-paginated method, from a cursor: one page, or with `all`
/// every page to the end. A cursor the daemon repeats is an error, not a loop.
struct PageWalk<M: RPCMethod> {
    /// The first page's result (for its header fields).
    var first: M.Result?
    /// The raw JSON items of every page read, under `itemsKey`.
    var rawItems: [JSONValue] = []
    /// The next page's cursor, nil after the last page.
    var cursor: String?

    static func walk(
        _ method: M.Type, session: Session, from cursor: String?, all: Bool, itemsKey: String,
        params: (String?) -> M.Params, nextCursor: (M.Result) -> String?, onPage: (M.Result) -> Void
    ) async throws(CtlFailure) -> PageWalk {
        var walk = PageWalk(cursor: cursor)
        var seen: Set<String> = []
        repeat {
            let (raw, page) = try await session.call(method, params(walk.cursor))
            if walk.first == nil { walk.first = page }
            onPage(page)
            if case .array(let items)? = raw[itemsKey] { walk.rawItems += items }
            walk.cursor = nextCursor(page)
            if let next = walk.cursor, !seen.insert(next).inserted {
                throw CtlFailure(code: "invalid_reply", message: "the daemon sent the cursor \(next) twice", status: 4)
            }
        } while all && walk.cursor != nil
        return walk
    }
}
