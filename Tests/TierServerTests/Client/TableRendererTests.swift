import Testing
import TierClient
import TierWire

@Suite("TableRenderer and JSONPrinter")
struct TableRendererTests {
    @Test func alignsColumnsWithoutTrailingSpaces() {
        var table = TableRenderer(["CODE", "LEFT", "REASON"], rightAligned: [1])
        table.append(["counter_priority", "-", "VIP basic package"])
        table.append(["health_checkup", "12", ""])
        #expect(table.render() == """
            CODE              LEFT  REASON
            counter_priority     -  VIP basic package
            health_checkup      12

            """)
    }

    @Test func countsChineseAsTwoColumns() {
        #expect(TableRenderer.displayWidth("柜面优先") == 8)
        #expect(TableRenderer.displayWidth("VIP保费优惠") == 11)
        #expect(TableRenderer.displayWidth("e\u{301}") == 1)
        var table = TableRenderer(["NAME", "CODE"])
        table.append(["柜面优先", "a"])
        table.append(["Counter", "b"])
        #expect(table.render() == "NAME      CODE\n柜面优先  a\nCounter   b\n")
    }

    @Test func padsShortRowsAndFlattensNewlines() {
        var table = TableRenderer(["A", "B", "C"])
        table.append(["x\ny"])
        table.append(["1", "2", "3", "extra"])
        #expect(table.rows == [["x\ny", "", ""], ["1", "2", "3"]])
        #expect(table.render() == "A    B  C\nx y\n1    2  3\n")
    }

    @Test func keyValues() {
        let text = TableRenderer.keyValues([("principal", "counter-01"), ("role", "counter"), ("note", "")])
        #expect(text == "principal: counter-01\nrole:      counter\nnote:\n")
    }

    @Test func printsJSONSortedAndEscaped() {
        let value = JSONValue.object([
            "b": .array([.int(1), .double(2.5), .null, .bool(true)]),
            "a": .string("柜面 \"q\"\n\u{01}"),
            "c": .object([:]),
            "d": .array([]),
        ])
        #expect(JSONPrinter.compact(value) == #"{"a":"柜面 \"q\"\n\u0001","b":[1,2.5,null,true],"c":{},"d":[]}"#)
        #expect(JSONPrinter.pretty(value) == """
            {
              "a": "柜面 \\"q\\"\\n\\u0001",
              "b": [
                1,
                2.5,
                null,
                true
              ],
              "c": {},
              "d": []
            }
            """)
    }
}
