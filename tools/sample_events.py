#!/usr/bin/env python3
"""Summarises a `dyad code` run for hand-checking: events per 100 sentences, the
most frequent CAMEO codes, and a reproducible random draw of events to judge.

Usage:
  target/release/dyad code NEWS.jsonl --date 2005-01-01 -o events.jsonl 2> code.log
  python3 tools/sample_events.py events.jsonl --log code.log [--top 30] [--draw 50] [--seed 1]

The sentence count comes from the `code: N sentences, ...` line that dyad code
prints on stderr (--log); without it the rate is not printed. The draw uses
Python's `random.Random(seed)`, so the same events file gives the same sample.
Each drawn event is printed with its sentence, the actor and verb spans' text,
and the rule that fired: what a person needs to say right, wrong code, wrong
actor or not an event.
"""
import argparse
import collections
import json
import random
import re
import sys


def sentence_count(log_path):
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            match = re.match(r"code: (\d+) sentences", line)
            if match:
                return int(match.group(1))
    return None


def actor(side):
    if side is None:
        return "-"
    return f"{side['code']} ({side['text']!r})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", help="JSON Lines written by dyad code")
    parser.add_argument("--log", help="dyad code's stderr, for the sentence count")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--draw", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    with open(args.events, encoding="utf-8") as events_file:
        events = [json.loads(line) for line in events_file if line.strip()]
    sentences = sentence_count(args.log) if args.log else None
    print(f"{len(events)} events", end="")
    if sentences:
        print(f" from {sentences} sentences: {100 * len(events) / sentences:.2f} per 100 sentences")
    else:
        print()

    codes = collections.Counter(e["cameo"] for e in events)
    print(f"\nthe {args.top} most frequent codes:")
    for code, count in codes.most_common(args.top):
        print(f"  {code} {count}")

    rng = random.Random(args.seed)
    drawn = rng.sample(range(len(events)), min(args.draw, len(events)))
    print(f"\n{len(drawn)} events drawn with seed {args.seed}:")
    for number, index in enumerate(sorted(drawn), 1):
        e = events[index]
        print(
            f"{number:>3}. {e['story_id']}#{e['sentence']} {actor(e['source'])} "
            f"{e['cameo']} {actor(e['target'])} verb {e['verb']['text']!r} rule {e['rule']}"
        )
        print(f"     {e['text']}")


if __name__ == "__main__":
    sys.exit(main())
