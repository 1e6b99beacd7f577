"""Times the zen engine on bench/run's inputs: the decision graph loaded once, every
input read before the clock starts, then only the evaluation loop is timed. Prints
one JSON line; --codes-out writes each input's granted codes, sorted, one line each.

python3 evaluate.py --model branch.json --inputs inputs.jsonl [--repeat N] [--codes-out FILE]
"""
import argparse
import json
import time
from importlib.metadata import version

import zen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--codes-out")
    args = parser.parse_args()
    with open(args.model, encoding="utf-8") as file:
        decision = zen.ZenEngine().create_decision(file.read())
    with open(args.inputs, encoding="utf-8") as file:
        inputs = [json.loads(line) for line in file if line.strip()]
    results = []
    started = time.perf_counter()
    for round in range(max(args.repeat, 1)):
        for item in inputs:
            result = decision.evaluate(item)
            if round == 0:
                results.append(result)
    seconds = time.perf_counter() - started
    if args.codes_out:
        with open(args.codes_out, "w", encoding="utf-8") as file:
            for result in results:
                file.write(" ".join(sorted(result["result"]["entitlements"])) + "\n")
    decisions = len(inputs) * max(args.repeat, 1)
    print(json.dumps({"engine": "zen", "version": version("zen-engine"), "decisions": decisions,
                      "seconds": seconds, "per_second": decisions / seconds}))


if __name__ == "__main__":
    main()
