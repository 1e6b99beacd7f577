"""Runs the zen model on every policy test case of policies/branch/tests (not broken/)
and checks what it can: the expected `entitlements` are granted and `not_entitlements`
are not; `total_cost` (the catalogue unit costs of the granted codes); and, read from
the model's trace, `tiers` and `segments` / `not_segments` for the tables and segments
the model computes. Params, tasks, task keys and remaining quota are not part of the
model and are counted as ignored.

Facts a case does not list are filled as tierd's test runner fills them
(Sources/TierPolicy/Testing): false, 0, "", the as-of date, an empty list, customer.id
1, optional facts absent (null), and customer.age worked out from customer.birth_date
when only the birth date is given; the as-of date defaults to 2026-01-01 and the
channel to counter.

python3 check_cases.py [--model branch.json] [--tests DIR] [-v]
Prints a summary; exits 1 on any mismatch.
"""
import argparse
import datetime
import json
import re
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
import zen

sys.dont_write_bytecode = True   # importing make_model must not leave __pycache__ in the repository
from make_model import ROOT, fact_schema, load_set  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_AS_OF, DEFAULT_CHANNEL = "2026-01-01", "counter"
IGNORED = ("params", "tasks", "not_tasks", "task_keys", "remaining")


def civil_date(text):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text or ""):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def decimal_text(text):
    """FixedDecimal's text: at most 4 decimal places, no trailing zeros."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite() or value != value.quantize(Decimal("0.0001")):
        return None
    out = format(value.quantize(Decimal("0.0001")), "f").rstrip("0").rstrip(".")
    return "0" if out in ("", "-0") else out


def read(text, kind):
    """A fact written in a case, as the bench's JSON carries it, or raise ValueError."""
    if kind == "list":
        if not isinstance(text, list):
            raise ValueError("a list")
        return [str(item) for item in text]
    if not isinstance(text, str):
        raise ValueError(f"a {kind}")
    if kind == "bool":
        if text not in ("true", "false"):
            raise ValueError("true or false")
        return text == "true"
    if kind == "int":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError("an int")
        return int(text)
    if kind == "decimal":
        value = decimal_text(text)
        if value is None:
            raise ValueError("a decimal")
        return value
    if kind == "date":
        if civil_date(text) is None:
            raise ValueError("a date YYYY-MM-DD")
        return text
    return text


def whole_years(born, on):
    years = on.year - born.year
    return years - 1 if (on.month, on.day) < (born.month, born.day) else years


def case_input(case, schema):
    context = case.get("context") or {}
    as_of = context.get("as_of", DEFAULT_AS_OF)
    if civil_date(as_of) is None:
        raise ValueError("context.as_of must be YYYY-MM-DD")
    facts = {}
    for path, (kind, optional) in schema.items():
        if optional:
            facts[path] = None
        else:
            facts[path] = {"bool": False, "int": 1 if path == "customer.id" else 0, "decimal": "0", "string": "",
                           "date": as_of, "list": []}[kind]
    facts["context.as_of"] = as_of
    facts["context.channel"] = context.get("channel", DEFAULT_CHANNEL)
    for path, text in (case.get("facts") or {}).items():
        if path not in schema:
            raise ValueError(f"no fact named {path!r}")
        try:
            facts[path] = read(text, schema[path][0])
        except ValueError as error:
            raise ValueError(f"fact {path} must be {error}") from None
    if facts.get("customer.age") is None and facts.get("customer.birth_date") is not None:
        facts["customer.age"] = whole_years(civil_date(facts["customer.birth_date"]), civil_date(as_of))
    quota_used = {code: int(count) for code, count in (case.get("quota_used") or {}).items()}
    return {"facts": facts, "quota_used": quota_used}


def names(expect, key):
    value = expect.get(key) or []
    return value if isinstance(value, list) else [value]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(HERE / "branch.json"))
    parser.add_argument("--tests", default=str(ROOT / "policies" / "branch" / "tests"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    schema = fact_schema()
    policy = load_set()
    catalogue = policy["catalogue"]
    with open(args.model, encoding="utf-8") as file:
        decision = zen.ZenEngine().create_decision(file.read())

    passed, failed, checked, ignored, skipped = 0, 0, Counter(), Counter(), Counter()
    for test_file in sorted(Path(args.tests).glob("*.yaml")):
        document = yaml.load(test_file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
        for number, case in enumerate(document.get("cases") or [], start=1):
            name = f"{test_file.name}: {case.get('name', f'case {number}')}"
            expect = case.get("expect") or {}
            failures = []
            try:
                payload = case_input(case, schema)
            except ValueError as error:
                failures.append(str(error))
                payload = None
            if payload is not None:
                response = decision.evaluate(payload, {"trace": True})
                granted = response["result"]["entitlements"]
                state = response["trace"]["tier-segments"]["output"]
                segments = {key: value for key, value in (state.get("segment") or {}).items()}
                tiers = state.get("tier") or {}

                for key in ("entitlements", "not_entitlements"):
                    for code in names(expect, key):
                        if code not in catalogue:
                            failures.append(f"{key}: the catalogue has no {code!r}")
                for code in names(expect, "entitlements"):
                    checked["entitlements"] += 1
                    if code not in granted:
                        failures.append(f"entitlement {code}: expected, not granted (granted: {', '.join(granted) or 'none'})")
                for code in names(expect, "not_entitlements"):
                    checked["not_entitlements"] += 1
                    if code in granted:
                        failures.append(f"entitlement {code}: not expected, but granted")
                if len(set(granted)) != len(granted):
                    failures.append(f"a code granted twice: {granted}")
                if "total_cost" in expect:
                    checked["total_cost"] += 1
                    total = sum((Decimal(catalogue[code]["unit_cost"]) for code in granted), Decimal(0))
                    if total != Decimal(expect["total_cost"]):
                        failures.append(f"total_cost: expected {expect['total_cost']}, was {total}")
                for table, tier in (expect.get("tiers") or {}).items():
                    if table not in tiers:
                        skipped["tiers"] += 1
                        continue
                    checked["tiers"] += 1
                    if tiers[table] != tier:
                        failures.append(f"tier {table}: expected {tier}, was {tiers[table]}")
                for key, want in (("segments", True), ("not_segments", False)):
                    for segment in names(expect, key):
                        if segment not in segments:
                            skipped[key] += 1   # a segment only tasks read: not in the model
                            continue
                        checked[key] += 1
                        if segments[segment] is not want:
                            failures.append(f"segment {segment}: expected {'to hold' if want else 'not to hold'}")
                for key in IGNORED:
                    if key in expect:
                        ignored[key] += 1
                unknown = set(expect) - set(IGNORED) - {"entitlements", "not_entitlements", "total_cost", "tiers",
                                                        "segments", "not_segments"}
                if unknown:
                    failures.append(f"unknown expectations {sorted(unknown)}")
            if failures:
                failed += 1
                print(f"FAIL {name}")
                for failure in failures:
                    print(f"     {failure}")
            else:
                passed += 1
                if args.verbose:
                    print(f"ok   {name}")

    total = passed + failed
    print(f"{passed}/{total} cases passed, {failed} failed")
    print("checked: " + ", ".join(f"{key} {count}" for key, count in sorted(checked.items())))
    if skipped:
        print("not in the model (segments/tiers only tasks read): "
              + ", ".join(f"{key} {count}" for key, count in sorted(skipped.items())))
    if ignored:
        print("ignored (cases with): " + ", ".join(f"{key} {count}" for key, count in sorted(ignored.items())))
    sys.exit(1 if failed or total == 0 else 0)


if __name__ == "__main__":
    main()
