"""How long the quickscan takes to fill in, per route: a reading-and-answering model over the
questionnaire data, in minutes.

    .venv/bin/python benchmarks/quickscan_route_time.py

The model counts what a respondent reads on each routed step (question texts, option texts,
headings) at 200 words a minute (a common figure for careful reading of Dutch official text),
plus 4 s per choice made and 45 s per open answer written. The quickscan itself announced
10–20 minutes (seed 000, line 591); the model is a check on that, not a measurement of people.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

WORDS_PER_MINUTE = 200
SECONDS_PER_CHOICE = 4
SECONDS_PER_OPEN_ANSWER = 45


def words(text: str) -> int:
    return len(text.split())


def route_estimate(letter: str) -> dict:
    from practices import questionnaire
    from quickscan import flow

    code = next(t.code for t in questionnaire.question("q4").options() if t.letter == letter)
    steps = flow.steps_for({"q4": code})
    read = choices = opens = 0
    for step in steps:
        read += words(step.title)
        for question in step.questions:
            read += words(question.text)
            if question.type == questionnaire.OPEN:
                opens += 1
                continue
            options = question.options()
            read += sum(words(term.text) for term in options if term.letter)
            if question.type == questionnaire.SCALE:
                choices += len([t for t in options if t.letter])
            else:
                choices += 1 if question.type == questionnaire.SINGLE else 3
    seconds = read / WORDS_PER_MINUTE * 60 + choices * SECONDS_PER_CHOICE
    seconds += opens * SECONDS_PER_OPEN_ANSWER
    return {
        "route": letter,
        "steps": len(steps),
        "words": read,
        "choices": choices,
        "open": opens,
        "minutes": seconds / 60,
    }


def main() -> None:
    import django

    django.setup()
    print(f"{'route':>5} {'steps':>5} {'words':>6} {'choices':>7} {'open':>4} {'minutes':>7}")
    for letter in "abcdefgh":
        row = route_estimate(letter)
        print(
            f"{row['route']:>5} {row['steps']:>5} {row['words']:>6} {row['choices']:>7} "
            f"{row['open']:>4} {row['minutes']:>7.1f}"
        )


if __name__ == "__main__":
    main()
