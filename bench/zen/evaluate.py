"""Times the zen engine on bench/run's inputs.

The decision graph is loaded once and every input is read (json.loads, nothing else)
before the clock starts; only the evaluation loop is timed (time.perf_counter), one
synchronous ZenDecision.evaluate call per input, over all inputs --repeat times.
Prints one JSON line; --codes-out writes each input's granted codes (first repeat
only), sorted and joined with single spaces, one line per input.

python3 evaluate.py --model branch.json --inputs inputs.jsonl [--repeat N] [--codes-out FILE]
"""
import argparse
import json
import sys
import time
from importlib.metadata import version

import zen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="the JDM decision graph (branch.json)")
    parser.add_argument("--inputs", required=True, help='JSON lines: {"facts": {...}, "quota_used": {...}}')
    parser.add_argument("--repeat", type=int, default=1, help="passes over the inputs (default 1)")
    parser.add_argument("--codes-out", help="write the granted codes of each input here")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")

    with open(args.model, encoding="utf-8") as file:
        decision = zen.ZenEngine().create_decision(file.read())
    with open(args.inputs, encoding="utf-8") as file:
        inputs = [json.loads(line) for line in file if line.strip()]
    if not inputs:
        sys.exit(f"evaluate.py: no inputs in {args.inputs}")

    evaluate = decision.evaluate
    results = [None] * len(inputs)
    started = time.perf_counter()
    for index, item in enumerate(inputs):
        results[index] = evaluate(item)
    for _ in range(args.repeat - 1):
        for item in inputs:
            evaluate(item)
    seconds = time.perf_counter() - started

    if args.codes_out:
        with open(args.codes_out, "w", encoding="utf-8") as file:
            for result in results:
                file.write(" ".join(sorted(result["result"]["entitlements"])) + "\n")
    decisions = len(inputs) * args.repeat
    print(json.dumps({"engine": "zen", "version": version("zen-engine"), "decisions": decisions,
                      "seconds": seconds, "per_second": decisions / seconds}))


if __name__ == "__main__":
    main()
