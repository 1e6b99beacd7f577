"""Writes branch.json: the branch's default policy set (policies/branch) as a GoRules
zen decision graph (JDM), for the evaluation comparison of bench/run.

The graph: the input (one customer's facts as tierd's decision log keeps them) goes
through a first-hit decision table for the value tier, then one expression node that
computes the segments, the grant rules, each tier's budget walk and the list of
granted codes. It decides which entitlements are granted, as tierd does (the channel
filters, the first-hit tables, budgets walked in order while the unit cost fits);
params, quota counts and costs are not part of the comparison. bench/run checks that
both engines grant the same codes for every input.

Run: python3 bench/zen/make_model.py > bench/zen/branch.json
"""
import json

F = lambda path: f'facts["{path}"]'
AGE = F("customer.age")
LINES = F("history.product_lines")
SIZE = F("household.size")


def age_at_least(years):
    return f"({AGE} != null and {AGE} >= {years})"


def has_line(line):
    return f'("{line}" in {LINES})'


HAS_BIRTH = f'({F("customer.birth_date")} != null)'
FAMILY3 = f"({SIZE} >= 3)"

# vip.yaml budgets: tier, yearly budget, services (code, unit cost, condition) in order.
BUDGETS = [
    ("silver", 600, [("dental_care", 300, has_line("health")), ("travel_assistance", 200, has_line("accident")),
                     ("family_day", 200, FAMILY3), ("birthday_gift", 100, HAS_BIRTH)]),
    ("gold", 1500, [("health_checkup", 800, age_at_least(40)), ("dental_care", 300, has_line("health")),
                    ("travel_assistance", 200, has_line("accident")), ("family_day", 200, FAMILY3),
                    ("elderly_care_visit", 400, age_at_least(65)), ("birthday_gift", 100, HAS_BIRTH)]),
    ("platinum", 3000, [("health_checkup", 800, age_at_least(35)),
                        ("medical_escort", 500, f'({age_at_least(60)} or {has_line("health")})'),
                        ("travel_assistance", 200, has_line("accident")), ("airport_lounge", 480, has_line("accident")),
                        ("family_day", 200, FAMILY3), ("financial_planning", 300, f"({SIZE} >= 2)"),
                        ("elderly_care_visit", 400, age_at_least(65)), ("dental_care", 300, "true"),
                        ("birthday_gift", 100, HAS_BIRTH)]),
    ("diamond", 4000, [("health_checkup", 800, "true"),
                       ("second_medical_opinion", 1200, f'({age_at_least(45)} or {has_line("health")})'),
                       ("medical_escort", 500, "true"), ("airport_lounge", 480, has_line("accident")),
                       ("travel_assistance", 200, has_line("accident")), ("financial_planning", 300, "true"),
                       ("family_day", 200, FAMILY3), ("elderly_care_visit", 400, age_at_least(65)),
                       ("dental_care", 300, "true"), ("birthday_gift", 100, HAS_BIRTH)]),
]

PROFILE, SCORE = F("risk.profile"), F("risk.score")
SEGMENTS = [
    ("internal", f'{F("staff.is_employee")} or {F("staff.is_family")}'),
    ("vip", 'tier != "ordinary"'),
    ("returning", f'{F("history.purchases")} >= 1'),
    ("loyal_household", f'{F("household.long_term_policies")} >= 6'),
    ("risk_averse", f'{PROFILE} == "averse" or ({PROFILE} == null and {SCORE} != null and {SCORE} <= 30)'),
    ("risk_seeking", f'{PROFILE} == "seeking" or ({PROFILE} == null and {SCORE} != null and {SCORE} >= 70)'),
    ("no_risk_survey", f"{PROFILE} == null and {SCORE} == null"),
    ("top_value", f'{F("classification.rfm_type")} == 1 or {F("classification.abc_class")} == "A" '
                  f'or {F("classification.quadrant")} == "high_loyalty_high_profit"'),
    ("recognition_channel", f'{F("context.channel")} in ["counter", "website", "wechat", "phone"]'),
]

# Grant rules of internal, vip, returning, risk and classification.yaml, with the
# catalogue's channel filters folded in.
GRANTS = [
    ("staff_discount", "$.internal"), ("simplified_enrolment", "$.internal"),
    ("claims_green_channel", "($.internal and not $.vip) or $.vip"),
    ("counter_priority", f'$.vip and {F("context.channel")} == "counter"'),
    ("policy_review", "$.vip"), ("renewal_reminder", "$.vip"), ("vip_hotline", "$.vip"), ("vip_discount", "$.vip"),
    ("welcome_back", "$.returning and $.recognition_channel"),
    ("newcomer_guide", "not $.returning and $.recognition_channel"),
    ("free_accident_cover", "$.loyal_household"), ("repurchase_reward", "$.loyal_household"),
    ("accident_bundle_offer", "$.risk_averse"), ("risk_disclosure_letters", "$.risk_averse"),
    ("investment_linked_push", f'$.risk_seeking and {F("complaints.upheld_mis_selling")} == 0'),
    ("universal_life_push", f'$.risk_seeking and {F("complaints.upheld_mis_selling")} == 0'),
    ("risk_survey_invite", "$.no_risk_survey"),
    ("priority_callback", "$.top_value"),
    ("dedicated_account_manager", f'{F("classification.abc_class")} == "A"'),
]


def expressions():
    out = [(name, condition) for name, condition in SEGMENTS]
    out += [(f"g_{code}", condition) for code, condition in GRANTS]
    budget_codes = []
    for tier, yearly, services in BUDGETS:
        left = f"{tier}_left_0"
        out.append((left, f'tier == "{tier}" ? {yearly} : 0'))
        for index, (code, cost, condition) in enumerate(services, start=1):
            granted = f"{tier}_{index}"
            out.append((granted, f"$.{left} >= {cost} and {condition}"))
            following = f"{tier}_left_{index}"
            out.append((following, f"$.{granted} ? $.{left} - {cost} : $.{left}"))
            left = following
            budget_codes.append((code, granted))
    items = [f'$.g_{code} ? "{code}" : null' for code, _ in GRANTS]
    items += [f'$.{flag} ? "{code}" : null' for code, flag in budget_codes]
    out.append(("entitlements", f"filter([{', '.join(items)}], # != null)"))
    return out


def model():
    position = {"x": 0, "y": 0}
    table = {
        "hitPolicy": "first", "passThrough": True,
        "inputs": [{"id": "premium", "name": "annual premium", "field": f'number({F("history.annual_premium")})'}],
        "outputs": [{"id": "tier", "name": "value tier", "field": "tier"}],
        "rules": [{"_id": f"r{n}", "premium": rule, "tier": f'"{tier}"'} for n, (rule, tier) in enumerate([
            (">= 200000", "diamond"), (">= 100000", "platinum"), (">= 50000", "gold"), (">= 20000", "silver"),
            ("", "ordinary")])],
    }
    decide = {"passThrough": False,
              "expressions": [{"id": f"e{n}", "key": key, "value": value} for n, (key, value) in enumerate(expressions())]}
    nodes = [
        {"id": "input", "type": "inputNode", "name": "facts", "position": position},
        {"id": "value", "type": "decisionTableNode", "name": "value tier", "position": position, "content": table},
        {"id": "decide", "type": "expressionNode", "name": "segments, grants, budgets", "position": position, "content": decide},
        {"id": "output", "type": "outputNode", "name": "entitlements", "position": position},
    ]
    edges = [{"id": f"edge{n}", "sourceId": a, "targetId": b, "type": "edge"}
             for n, (a, b) in enumerate([("input", "value"), ("value", "decide"), ("decide", "output")])]
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


if __name__ == "__main__":
    print(json.dumps(model(), indent=1, ensure_ascii=False))
