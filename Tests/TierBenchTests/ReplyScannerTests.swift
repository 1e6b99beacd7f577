import Testing
@testable import TierBenchKit

@Suite struct ReplyScannerTests {
    private func scan(_ text: String) -> ReplyScanner.Reply {
        Array(text.utf8).withUnsafeBytes { ReplyScanner.scan($0) }
    }

    @Test func aResultGivesItsIdAndNoError() {
        let reply = scan(#"{"jsonrpc":"2.0","result":{"id":99,"customer_id":5,"entitlements":[{"id":7}]},"id":42}"#)
        #expect(reply == ReplyScanner.Reply(id: 42, errorCode: nil))
    }

    @Test func anErrorGivesItsDataCode() {
        let reply = scan(#"{"jsonrpc":"2.0","id":7,"error":{"code":-32003,"message":"no customer 42","data":{"code":"not_found"}}}"#)
        #expect(reply == ReplyScanner.Reply(id: 7, errorCode: "not_found"))
    }

    @Test func anErrorWithoutDataIsStillAnError() {
        #expect(scan(#"{"id":3,"error":{"code":-32600,"message":"bad"}}"#).errorCode == "error")
    }

    @Test func keysInsideStringsAndNestedObjectsAreNotTheId() {
        let reply = scan(#"{"result":{"note":"\"id\":5, tricky","nested":{"id":6}},"id":8}"#)
        #expect(reply.id == 8)
    }

    @Test func aNotificationOrANullIdHasNoId() {
        #expect(scan(#"{"jsonrpc":"2.0","method":"tasks.available","params":{}}"#).id == nil)
        #expect(scan(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x","data":{"code":"parse_error"}}}"#)
            == ReplyScanner.Reply(id: nil, errorCode: "parse_error"))
    }

    @Test func spacesAfterTheColonAreRead() {
        #expect(scan(#"{"id": 12, "result": {}}"#).id == 12)
    }
}
