"""Print the analyst question catalogue (questions.toml) as a Markdown table: id, question, dimensions, tool.

.venv/bin/python tests/analytics/render_catalogue.py > somewhere.md
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

CATALOGUE = Path(__file__).with_name("questions.toml")


def cell(text: str) -> str:
    """Text that cannot break a Markdown table row."""
    return " ".join(text.split()).replace("|", "\\|")


def render(questions: list[dict]) -> str:
    lines = ["| id | question | dimensions | tool |", "|---|---|---|---|"]
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
