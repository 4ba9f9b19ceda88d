"""Every check schemathesis ran, and every status the server answered, from its NDJSON reports.

    python3 test/faults/fuzz-summary.py REPORT_DIR...

Prints one line a check (passed, failed, skipped) and one a status code, per pass and in all.
"""
import collections
import glob
import json
import sys


def walk(directory):
    checks = collections.Counter()
    statuses = collections.Counter()
    for path in glob.glob(f"{directory}/*.ndjson"):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                event = json.loads(line).get("ScenarioFinished")
                if not event:
                    continue
                recorder = event.get("recorder", {})
                for results in recorder.get("checks", {}).values():
                    for result in results:
                        checks[(result["name"], result["status"])] += 1
                for interaction in recorder.get("interactions", {}).values():
                    response = interaction.get("response")
                    if response:
                        statuses[response["status_code"]] += 1
    return checks, statuses


def show(title, checks, statuses):
    print(f"{title}:")
    for name in sorted({name for name, _ in checks}):
        counts = {status: checks[(name, status)] for status in ("success", "failure", "skip")}
        print(
            f"  check {name:32} passed {counts['success']:5}  failed {counts['failure']:4}  skipped {counts['skip']:4}"
        )
    print("  responses " + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))


def main():
    all_checks = collections.Counter()
    all_statuses = collections.Counter()
    for directory in sys.argv[1:]:
        checks, statuses = walk(directory)
        show(f"pass {directory.rstrip('/').split('/')[-1]}", checks, statuses)
        all_checks.update(checks)
        all_statuses.update(statuses)
    show("all passes", all_checks, all_statuses)
    failed = sum(n for (_, status), n in all_checks.items() if status == "failure")
    print(f"checks failed: {failed}")


main()
