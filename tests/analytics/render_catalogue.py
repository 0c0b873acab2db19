"""Print the analyst question catalogue (questions.toml) as the Markdown page ANALYST_QUESTIONS.md: a heading, the
number of questions and a table of id, question, dimensions and tool. test_question_catalogue.py checks that the
committed page is what this prints.

.venv/bin/python tests/analytics/render_catalogue.py > ANALYST_QUESTIONS.md
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

CATALOGUE = Path(__file__).with_name("questions.toml")


def cell(text: str) -> str:
    """Text that cannot break a Markdown table row."""
    return " ".join(text.split()).replace("|", "\\|")


HEADER = """# Analyst questions

{count} questions an analyst asks of the sales data, each answered by a named tool. `tests/analytics/questions.toml`
holds them with the tool call and independent SQL on the base tables; `tests/analytics/test_question_catalogue.py`
asks every one through a real MCP client as a store manager, a regional manager and head office and compares.
This page is generated: `.venv/bin/python tests/analytics/render_catalogue.py > ANALYST_QUESTIONS.md`.

"""


def render(questions: list[dict]) -> str:
    lines = [HEADER.format(count=len(questions)) + "| id | question | dimensions | tool |", "|---|---|---|---|"]
    lines += [
        f"| `{q['id']}` | {cell(q['question'])} | {cell(', '.join(q['dimensions']))} | `{q['tool']}` |"
        for q in questions
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else CATALOGUE
    sys.stdout.write(render(tomllib.loads(path.read_text())["question"]))


if __name__ == "__main__":
    main()
