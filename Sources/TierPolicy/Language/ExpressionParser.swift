/// Turns the text of one policy expression into an ``Expression``.
///
/// The grammar, loosest binding first:
/// ```
/// expr           := or ( '?' expr ':' expr )?
/// or             := and ( ( '||' | 'or' ) and )*
/// and            := not ( ( '&&' | 'and' ) not )*
/// not            := ( '!' | 'not' ) not | comparison
/// comparison     := additive ( ( '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not' 'in' ) additive )?
/// additive       := multiplicative ( ( '+' | '-' ) multiplicative )*
/// multiplicative := unary ( ( '*' | '/' | '%' ) unary )*
/// unary          := ( '-' | '!' | 'not' ) unary | postfix
/// postfix        := name '(' ( expr ( ',' expr )* ','? )? ')' | primary
/// primary        := literal | name | '(' expr ')' | '[' ( expr ( ',' expr )* ','? )? ']'
/// name           := ident ( '.' ident )*
/// ```
/// so `!a == b` is `!(a == b)` and `-x * y` is `(-x) * y`. Comparisons do not chain
/// (`a < b < c` is an error); `a ? b : c ? d : e` nests to the right. `and`, `or`, `not`
/// are the same operators as `&&`, `||`, `!`; `true`, `false`, `and`, `or`, `not`, `in`
/// are reserved. A negative number is `-` applied to a literal.
///
/// Literals: integers (`42`, `200_000`; Int64), decimals (`0.05`, kept as written without
/// `_`), strings in `"` or `'` on one line (escapes `\"` `\'` `\\` `\n` `\t` `\u{4E2D}`),
/// dates `YYYY-MM-DD` (any `dddd-d…-d…` run is read as an attempted date, so `2026-1-1`
/// is an error, not a subtraction), durations `730d`, `2w`, `1y` (365 days), `true`, `false`.
///
/// Locations: a node's column counts Unicode scalars from `start`. After a line break in
/// the text, the line advances and columns count again from `start.column`: the text of a
/// YAML block scalar has its indentation removed, and its real indentation is unknown here.
/// A node sits where it starts; binary operators and `?:` sit at their operator.
///
/// Limits: at most 64 levels of brackets, calls, prefix operators and `?:` branches, and a
/// tree at most 256 nodes tall, so that no input exhausts the stack here or in later passes.
public enum ExpressionParser {
    /// Parses one expression. `start` is where the text begins in its file (usually inside
    /// a YAML scalar). Returns the expression, or every diagnostic found (at least one):
    /// the malformed literals (`invalid_literal`) before the first syntax error, and that
    /// error (`syntax`), sorted by location. Never traps, on any input.
    public static func parse(_ text: String, at start: PolicyLocation) -> Result<Expression, PolicyDiagnosticList> {
        let (tokens, literalProblems) = Lexer.tokenize(text, at: start)
        do {
            let expression = try Parser.parse(tokens)
            guard literalProblems.isEmpty else { return .failure(PolicyDiagnosticList(literalProblems)) }
            return .success(expression)
        } catch {
            // The parser throws only `Failure` (untyped throws keep its frames small).
            let syntax = (error as? Parser.Failure)?.diagnostic ?? PolicyDiagnostic(.syntax, "\(error)", at: start)
            return .failure(PolicyDiagnosticList(literalProblems.filter { $0.location < syntax.location } + [syntax]))
        }
    }
}
