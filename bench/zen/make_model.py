"""Writes branch.json: the branch's default policy set (policies/branch) as a GoRules
zen decision graph (JDM), for the evaluation comparison of bench/run.

The graph is generated from the policy YAML itself, so thresholds, codes, channels,
unit costs, budgets and service order cannot drift from tierd's. Conditions are
translated by a small compiler for the subset of the tierd expression language the
set uses; anything outside that subset stops the generator with an error instead of
being approximated.

    input ──> segments (expression) ──> value / rfm / abc / quadrant (first-hit tables)
          ──> tier segments (expression) ──> grant rules (collect table)
          ──> granted (expression) ──> budget tier (switch)
          ──> budget walk per tier (expression, one node a tier) ──> result ──> output

Missing facts: tierd's three-valued logic (a comparison with a missing operand is
missing, and a condition holds only when it is true) is compiled into null guards,
`x != null and x >= 40`, so every translated condition is true exactly when tierd's
is. `!` is only compiled over operands that can never be missing.

Run: python3 bench/zen/make_model.py > bench/zen/branch.json   (needs PyYAML)
"""
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "policies" / "branch"
SCHEMA_SWIFT = ROOT / "Sources" / "TierPolicy" / "Schema" / "FactSchema+Standard.swift"


class Unsupported(Exception):
    pass


# ---------------------------------------------------------------------------
# The fact schema (FactSchema.standard), read from its Swift source.
# ---------------------------------------------------------------------------

def fact_schema(path=SCHEMA_SWIFT):
    """{path: (type, optional)}; type is bool, int, decimal, string, date or list."""
    text = Path(path).read_text(encoding="utf-8")
    found = re.findall(r'FactDeclaration\(\s*"([\w.]+)",\s*\.(\w+)(?:\(\.\w+\))?\s*,\s*(optional:\s*true)?', text)
    if len(found) < 10:
        raise SystemExit(f"could not read the fact schema from {path}")
    return {name: (kind, bool(optional)) for name, kind, optional in found}


# ---------------------------------------------------------------------------
# The policy set, read as tierd reads it: files in name order, scalars as text.
# ---------------------------------------------------------------------------

def load_set(directory=POLICIES):
    policy = {"catalogue": {}, "segments": {}, "tiers": {}, "grants": [], "budgets": {}, "settings": {}}
    for file in sorted(Path(directory).glob("*.yaml")):
        doc = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
        for entry in doc.get("catalogue", []):
            policy["catalogue"][entry["code"]] = {
                "unit_cost": entry.get("unit_cost", "0"), "channels": entry.get("channels")}
        policy["segments"].update(doc.get("segments", {}))
        policy["tiers"].update(doc.get("tiers", {}))
        policy["grants"] += doc.get("entitlements", [])
        for table, tiers in doc.get("budgets", {}).items():
            policy["budgets"].setdefault(table, {}).update(tiers)
        for section, values in doc.get("settings", {}).items():
            if isinstance(values, dict):
                policy["settings"].setdefault(section, {}).update(values)
    return policy


# ---------------------------------------------------------------------------
# A parser for the tierd expression subset the conditions use.
# ---------------------------------------------------------------------------

TOKEN = re.compile(r"""\s*(?:
    (?P<string>"[^"]*"|'[^']*')
  | (?P<date>\d{4}-\d{2}-\d{2})
  | (?P<number>\d[\d_]*(?:\.\d+)?)(?![\w])
  | (?P<name>[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)
  | (?P<op>\|\||&&|==|!=|<=|>=|<|>|!|\(|\)|\[|\]|,)
)""", re.VERBOSE)


def tokens(source):
    out, at = [], 0
    source = source.strip()
    while at < len(source):
        match = TOKEN.match(source, at)
        if not match or match.end() == at:
            raise Unsupported(f"cannot read {source[at:]!r} in {source!r}")
        kind = match.lastgroup
        text = match.group(kind)
        if kind == "name" and text in ("and", "or", "not", "in", "true", "false"):
            kind = {"and": "op", "or": "op", "not": "op", "in": "op"}.get(text, "bool")
            text = {"and": "&&", "or": "||", "not": "!"}.get(text, text)
        out.append((kind, text))
        at = match.end()
    return out


class Parser:
    def __init__(self, source):
        self.source, self.items, self.at = source, tokens(source), 0

    def peek(self, *texts):
        return self.at < len(self.items) and self.items[self.at][1] in texts

    def take(self):
        self.at += 1
        return self.items[self.at - 1]

    def expect(self, text):
        if not self.peek(text):
            raise Unsupported(f"expected {text!r} in {self.source!r}")
        self.take()

    def parse(self):
        node = self.or_()
        if self.at != len(self.items):
            raise Unsupported(f"unexpected {self.items[self.at][1]!r} in {self.source!r}")
        return node

    def or_(self):
        node = self.and_()
        while self.peek("||"):
            self.take()
            node = ("or", node, self.and_())
        return node

    def and_(self):
        node = self.unary()
        while self.peek("&&"):
            self.take()
            node = ("and", node, self.unary())
        return node

    def unary(self):
        if self.peek("!"):
            self.take()
            if self.peek("in"):
                raise Unsupported(f"'not in' in {self.source!r}")
            return ("not", self.unary())
        return self.comparison()

    def comparison(self):
        left = self.primary()
        if self.peek("==", "!=", "<", "<=", ">", ">=", "in"):
            return ("compare", self.take()[1], left, self.primary())
        if self.peek("!") and self.at + 1 < len(self.items) and self.items[self.at + 1][1] == "in":
            self.take(), self.take()
            return ("compare", "not in", left, self.primary())
        return left

    def primary(self):
        kind, text = self.take()
        if text == "(":
            node = self.or_()
            self.expect(")")
            return node
        if text == "[":
            items = []
            while not self.peek("]"):
                items.append(self.primary())
                if not self.peek("]"):
                    self.expect(",")
            self.take()
            return ("list", items)
        if kind == "string":
            return ("string", text[1:-1])
        if kind == "number":
            return ("number", text.replace("_", ""))
        if kind == "bool":
            return ("bool", text == "true")
        if kind == "name":
            if self.peek("("):
                self.take()
                argument = self.primary()
                self.expect(")")
                return ("call", text, argument)
            return ("name", text)
        raise Unsupported(f"unexpected {text!r} in {self.source!r}")


def parse(source):
    return Parser(source).parse()


# ---------------------------------------------------------------------------
# Translation to zen expressions with tierd's missing-value semantics.
# ---------------------------------------------------------------------------

class Translator:
    def __init__(self, schema, policy):
        self.schema, self.policy = schema, policy
        loyalty = policy["settings"].get("loyalty", {})
        self.constants = {"settings.loyalty.min_long_term_policies": loyalty.get("min_long_term_policies", "6")}

    @staticmethod
    def fact(path):
        return f'facts["{path}"]'

    def value(self, node):
        """(zen code, type, guards): the guards must all hold (be non-null) for the value to exist."""
        kind = node[0]
        if kind == "number":
            return node[1], "number", []
        if kind == "string":
            return json.dumps(node[1], ensure_ascii=False), "string", []
        if kind == "bool":
            return ("true" if node[1] else "false"), "bool", []
        if kind == "list":
            parts = [self.value(item) for item in node[1]]
            if any(guards for _, _, guards in parts):
                raise Unsupported("a list of values that may be missing")
            return "[" + ", ".join(code for code, _, _ in parts) + "]", "list", []
        if kind == "name":
            name = node[1]
            if name in self.constants:
                return self.constants[name], "number", []
            if name.startswith("segment."):
                if name[8:] not in self.policy["segments"]:
                    raise Unsupported(f"unknown segment {name}")
                return name, "bool", []
            if name.startswith("tier."):
                table = self.policy["tiers"].get(name[5:])
                if table is None or table.get("hit", "first") != "first" or "default" not in table:
                    raise Unsupported(f"{name}: only first-hit tables with a default are translated")
                return name, "string", []
            if name in self.schema:
                kind_, optional = self.schema[name]
                code = self.fact(name)
                guards = [f"{code} != null"] if optional else []
                if kind_ == "decimal":
                    return f"number({code})", "number", guards
                if kind_ == "int":
                    return code, "number", guards
                if kind_ == "date":
                    return f"d({code})", "date", guards
                return code, kind_, guards
            raise Unsupported(f"unknown name {name}")
        if kind == "call":
            function, argument = node[1], node[2]
            if function == "has":
                if argument[0] != "name" or argument[1] not in self.schema:
                    raise Unsupported("has() takes a fact")
                return f"{self.fact(argument[1])} != null", "bool", []
            if function == "days_since":
                code, type_, guards = self.value(argument)
                if type_ != "date":
                    raise Unsupported("days_since() takes a date")
                return f'd({self.fact("context.as_of")}).diff({code}, "day")', "number", guards
            raise Unsupported(f"function {function}()")
        raise Unsupported(f"{kind} as a value")

    def condition(self, node):
        """(zen code true exactly when tierd's condition is true, whether tierd's can be missing)."""
        kind = node[0]
        if kind in ("and", "or"):
            left, left_missing = self.condition(node[1])
            right, right_missing = self.condition(node[2])
            return f"({left} {kind} {right})", left_missing or right_missing
        if kind == "not":
            inner, may_be_missing = self.condition(node[1])
            if may_be_missing:
                raise Unsupported("'!' over a condition that can be missing")
            if re.fullmatch(r'facts\["[\w.]+"\] != null', inner):
                return inner.replace(" != null", " == null"), False
            return f"not ({inner})", False
        if kind == "compare":
            op, (left, left_type, left_guards), (right, right_type, right_guards) = node[1], self.value(node[2]), self.value(node[3])
            if "date" in (left_type, right_type):
                raise Unsupported("comparing dates")
            if op in ("in", "not in"):
                if right_type != "list":
                    raise Unsupported("'in' needs a list on the right")
                test = f"{left} in {right}" if op == "in" else f"not ({left} in {right})"
            else:
                if op not in ("==", "!=") and not (left_type == right_type == "number"):
                    raise Unsupported(f"ordering {left_type} and {right_type}")
                test = f"{left} {op} {right}"
            guards = left_guards + right_guards
            may_be_missing = bool(guards)
            if op in ("==", "in") and node[3][0] in ("number", "string", "list") and not left.startswith("number("):
                guards = []   # in zen, null == literal and null in [literals] are false: no guard needed
            return ("(" + " and ".join(guards + [test]) + ")" if guards else test), may_be_missing
        code, type_, guards = self.value(node)
        if type_ != "bool":
            raise Unsupported(f"a {type_} used as a condition")
        if guards:
            return f"({' and '.join(guards)} and {code} == true)", True
        return code, False

    def translate(self, source):
        return self.condition(parse(source))[0]

    def cells(self, source):
        """A conjunction of simple tests as decision-table cells: [(column field, unary cell)],
        or None when the condition is not one."""
        def atoms(node):
            if node[0] == "and":
                return atoms(node[1]) + atoms(node[2])
            return [node]

        out = []
        for atom in atoms(parse(source)):
            if atom[0] == "name" and atom[1].startswith("segment."):
                out.append((atom[1], "true"))
            elif atom[0] == "not" and atom[1][0] == "name" and atom[1][1].startswith("segment."):
                out.append((atom[1][1], "false"))
            elif atom[0] == "compare" and atom[3][0] in ("number", "string", "list"):
                field, field_type, guards = self.value(atom[2])
                literal, _, _ = self.value(atom[3])
                op = atom[1]
                if guards and op not in ("==", "in"):
                    return None   # a null input must not match: keep it an expression
                if guards and field.startswith("number("):
                    return None
                if op == "==":
                    cell = literal
                elif op == "in":
                    cell = literal[1:-1]
                elif op in ("<", "<=", ">", ">="):
                    if field_type != "number":
                        return None
                    cell = f"{op} {literal}"
                else:
                    return None
                out.append((field, cell))
            else:
                return None
        fields = [field for field, _ in out]
        return out if len(fields) == len(set(fields)) else None


# ---------------------------------------------------------------------------
# The graph.
# ---------------------------------------------------------------------------

def needed(policy):
    """Segments and tier tables the grants and budgets read, transitively (tasks are left out)."""
    sources = [rule.get("when", "true") for rule in policy["grants"]]
    for table, tiers in policy["budgets"].items():
        sources.append(f"tier.{table}")
        sources += [service.get("when", "true") for budget in tiers.values() for service in budget["services"]]
    segments, tiers, seen = [], [], set()
    while sources:
        source = sources.pop()
        for kind, name in re.findall(r"\b(segment|tier)\.(\w+)", source):
            if (kind, name) in seen:
                continue
            seen.add((kind, name))
            if kind == "segment":
                segments.append(name)
                sources.append(policy["segments"][name])
            else:
                tiers.append(name)
                sources += [row["when"] for row in policy["tiers"][name]["rows"]]
    return segments, tiers


def reads_tiers(policy, segment, memo=None):
    memo = {} if memo is None else memo
    if segment not in memo:
        memo[segment] = False
        source = policy["segments"][segment]
        memo[segment] = bool(re.search(r"\btier\.", source)) or any(
            reads_tiers(policy, inner, memo) for inner in re.findall(r"\bsegment\.(\w+)", source))
    return memo[segment]


def ordered(policy, names):
    """Segments so that each comes after the segments it reads."""
    out = []

    def visit(name):
        if name in out:
            return
        for inner in re.findall(r"\bsegment\.(\w+)", policy["segments"][name]):
            visit(inner)
        out.append(name)

    for name in names:
        visit(name)
    return out


def node(id_, type_, name, x, y, content=None):
    out = {"id": id_, "type": type_, "name": name, "position": {"x": x, "y": y}}
    if content is not None:
        out["content"] = content
    return out


def expression_node(id_, name, x, y, expressions, pass_through=False, output_path=None):
    content = {"expressions": [{"id": f"{id_}-{n}", "key": key, "value": value}
                               for n, (key, value) in enumerate(expressions)],
               "passThrough": pass_through, "inputField": None, "outputPath": output_path, "executionMode": "single"}
    return node(id_, "expressionNode", name, x, y, content)


def table_node(id_, name, x, y, hit, columns, rows, outputs, pass_through=False, output_path=None):
    """columns: [(column id, title, field or None)]; rows: [{column id or output id: cell}]."""
    content = {
        "hitPolicy": hit,
        "inputs": [{"id": cid, "name": title, "field": field} for cid, title, field in columns],
        "outputs": [{"id": oid, "name": title, "field": field} for oid, title, field in outputs],
        "rules": [dict({"_id": f"{id_}-r{n}"}, **row) for n, row in enumerate(rows)],
        "passThrough": pass_through, "inputField": None, "outputPath": output_path, "executionMode": "single",
    }
    return node(id_, "decisionTableNode", name, x, y, content)


def rule_table(translator, id_, name, x, y, hit, conditions, outputs, extra_columns=(), pass_through=False, output_path=None):
    """A table whose rows are tierd conditions: simple conjunctions become cells in
    columns by field; any other condition goes to a 'condition' column evaluated as an
    expression. conditions: [(source or None, {output id: value}, {extra column id: cell})]."""
    columns, by_field, rows = [], {}, []
    for source, values, extra in conditions:
        row = dict(values)
        row.update(extra)
        cells = translator.cells(source) if source else []
        if cells is None:
            if "condition" not in by_field:
                by_field["condition"] = "condition"
                columns.append(("condition", "condition", None))
            row["condition"] = translator.translate(source)
        else:
            for field, cell in cells:
                if field not in by_field:
                    by_field[field] = f"c{len(by_field)}"
                    columns.append((by_field[field], field, field))
                row[by_field[field]] = cell
        rows.append(row)
    columns += list(extra_columns)
    for row in rows:
        for cid, _, _ in columns:
            row.setdefault(cid, "")
        for oid, _, _ in outputs:
            row.setdefault(oid, "")
    return table_node(id_, name, x, y, hit, columns, rows, outputs, pass_through, output_path)


def model(policy=None, schema=None):
    policy = policy or load_set()
    schema = schema or fact_schema()
    t = Translator(schema, policy)
    segments, tiers = needed(policy)
    segments = ordered(policy, segments)
    memo = {}
    early = [s for s in segments if not reads_tiers(policy, s, memo)]
    late = [s for s in segments if reads_tiers(policy, s, memo)]
    for table in tiers:
        for row in policy["tiers"][table]["rows"]:
            for inner in re.findall(r"\bsegment\.(\w+)", row["when"]):
                if inner in late:
                    raise Unsupported(f"tier {table} reads segment {inner}, which reads a tier")
    catalogue = policy["catalogue"]
    channel = t.fact("context.channel")

    nodes = [node("input", "inputNode", "facts and quota uses", 0, 300)]
    edges = []

    def edge(source, target, handle=None):
        item = {"id": f"e{len(edges)}", "type": "edge", "sourceId": source, "targetId": target}
        if handle:
            item["sourceHandle"] = handle
        edges.append(item)

    # Segments that read facts only.
    nodes.append(expression_node("segments", "segments", 250, 300,
                                 [(f"segment.{name}", t.translate(policy["segments"][name])) for name in early],
                                 pass_through=True))
    edge("input", "segments")

    # Tier tables: first hit, the default in a last row that always matches.
    for index, table in enumerate(tiers):
        spec = policy["tiers"][table]
        conditions = [(row["when"], {"tier": json.dumps(row["tier"])}, {}) for row in spec["rows"]]
        conditions.append((None, {"tier": json.dumps(spec["default"])}, {}))
        nodes.append(rule_table(t, f"tier-{table}", f"tier {table}", 500, 100 + 130 * index, "first", conditions,
                                [("tier", table, f"tier.{table}")]))
        edge("segments", f"tier-{table}")

    # Segments that read tiers, with everything so far passed on.
    nodes.append(expression_node("tier-segments", "segments on tiers", 750, 300,
                                 [(f"segment.{name}", t.translate(policy["segments"][name])) for name in late],
                                 pass_through=True))
    edge("segments", "tier-segments")
    for table in tiers:
        edge(f"tier-{table}", "tier-segments")

    # Grant rules, in tierd's order (files by name, rules as written); the catalogue's
    # channels are a column of every rule granting a channel-limited code.
    conditions, rule_codes = [], []
    for rule in policy["grants"]:
        code = rule["grant"]
        channels = catalogue[code]["channels"]
        extra = {"channels": ", ".join(json.dumps(c) for c in channels)} if channels else {}
        conditions.append((rule.get("when", "true") if rule.get("when", "true") != "true" else None,
                           {"code": json.dumps(code)}, extra))
        if code not in rule_codes:
            rule_codes.append(code)
    nodes.append(rule_table(t, "grants", "grant rules", 1000, 300, "collect", conditions,
                            [("code", "code", "code")], extra_columns=[("channels", "catalogue channels", channel)],
                            pass_through=True, output_path="rules"))
    edge("tier-segments", "grants")

    # A code is granted when any of its rules matched (the first gives params in tierd).
    nodes.append(expression_node("granted", "granted codes", 1250, 300, [
        ("granted", f"filter({json.dumps(rule_codes)}, # in map(rules, #.code))")], pass_through=True))
    edge("grants", "granted")

    # Budgets: a switch on the budget's tier, then that tier's walk.
    statements, y = [], 100
    for table, budget_tiers in policy["budgets"].items():
        if table not in tiers:
            raise Unsupported(f"budget table {table}")
        for tier, budget in budget_tiers.items():
            sid = f"budget-{table}-{tier}"
            statements.append({"id": sid, "condition": f'tier.{table} == {json.dumps(tier)}'})
            walk, left, flags = [("left0", budget["yearly"])], "left0", []
            for n, service in enumerate(budget["services"], start=1):
                code = service["grant"]
                cost = catalogue[code]["unit_cost"]
                parts = []
                if service.get("when"):
                    parts.append(t.translate(service["when"]))
                if code in rule_codes:
                    parts.append(f"not ({json.dumps(code)} in granted)")
                if catalogue[code]["channels"]:
                    parts.append(f"{channel} in {json.dumps(catalogue[code]['channels'])}")
                parts.append(f"{cost} <= $.{left}")
                walk.append((f"g{n}", " and ".join(f"({part})" for part in parts)))
                walk.append((f"left{n}", f"$.g{n} ? $.{left} - {cost} : $.{left}"))
                left = f"left{n}"
                flags.append(f'$.g{n} ? {json.dumps(code)} : null')
            walk.append(("codes", f"filter([{', '.join(flags)}], # != null)"))
            nodes.append(expression_node(sid, f"budget {tier} {budget['yearly']}", 1750, y, walk,
                                         pass_through=True, output_path="budget"))
            edge("switch", sid, sid)
            edge(sid, "result")
            y += 130
    statements.append({"id": "no-budget", "condition": ""})
    nodes.append(node("switch", "switchNode", "budget tier", 1500, 300,
                      {"hitPolicy": "first", "statements": statements}))
    edge("granted", "switch")
    edge("switch", "result", "no-budget")

    nodes.append(expression_node("result", "result", 2000, 300, [
        ("entitlements", "budget == null ? granted : flatten([granted, budget.codes])")]))
    nodes.append(node("output", "outputNode", "entitlements", 2250, 300))
    edge("result", "output")
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


if __name__ == "__main__":
    try:
        print(json.dumps(model(), indent=1, ensure_ascii=False))
    except Unsupported as error:
        sys.exit(f"make_model.py: cannot translate: {error}")
