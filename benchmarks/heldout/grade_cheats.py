"""Grade a folder of held-out cheats the way an instructor meets them: ``make grade`` on the released stubs.

    python benchmarks/heldout/grade_cheats.py benchmarks/heldout/cheats_r1 [--out runs/cheats_r1] [--workers 2]

Each ``<exercise>__<name>.py`` in the folder is one cheat. Its header names the exercise
(``# exercise: ex03_gating``); its code follows one or more ``# --- cell <grade_id> ---`` markers and
goes *above the released stub* of that answer cell of ``exercises/<exercise>/<exercise>.ipynb``, every
other answer cell staying the released stub (``raise NotImplementedError``). So an honest grader gives
each of these submissions 0: any point is a point the cheat won.

The submissions (one student per cheat) are graded by the course's real grading command,
``python -m rmc_course.grading`` (contained kernels, nbgrader autograde with the hidden tests, the
course gradebook's definitions), and the table printed (and written to ``<out>/cheats.md``) gives each
cheat's score, the maximum and the flags the grader raised.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import heldout_grading
import nbformat

ROOT = heldout_grading.ROOT
CELL = re.compile(r"^# --- cell (\S+) ---$", re.M)


def parse_cheat(path: Path) -> tuple[str, dict[str, str]]:
    """(exercise, {answer grade_id: code}) of one cheat file."""
    text = path.read_text()
    exercise = re.search(r"^# exercise: (\S+)", text, re.M).group(1)
    parts = CELL.split(text)  # [header, id1, code1, id2, code2, ...]
    cells = {parts[i]: parts[i + 1].strip("\n") for i in range(1, len(parts), 2)}
    if not cells:
        raise ValueError(f"{path.name}: no '# --- cell <grade_id> ---' marker")
    return exercise, cells


def submission(exercise: str, cells: dict[str, str]) -> nbformat.NotebookNode:
    """The released notebook of ``exercise`` with each cheat's code above the stub of its cell."""
    nb = nbformat.read(ROOT / "exercises" / exercise / f"{exercise}.ipynb", as_version=4)
    found = set()
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in cells:
            cell.source = cells[gid] + "\n\n\n" + cell.source
            found.add(gid)
    missing = set(cells) - found
    if missing:
        raise ValueError(f"{exercise}: no cell {sorted(missing)}")
    return nb


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path, help="folder of <exercise>__<name>.py cheats")
    p.add_argument(
        "--out", type=Path, default=None, help="where submissions/ and grades go (default runs/<folder name>)"
    )
    p.add_argument("--workers", type=int, default=2)
    args = p.parse_args(argv)
    out = (args.out or ROOT / "runs" / args.folder.name).resolve()
    subs = out / "submissions"
    cheats = sorted(args.folder.glob("*__*.py"))
    for path in cheats:
        exercise, cells = parse_cheat(path)
        target = subs / path.stem / exercise / f"{exercise}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(submission(exercise, cells), target)
    report, _ = heldout_grading.grade(subs, out, args.workers)
    rows, above = [], 0
    for path in cheats:
        exercise = parse_cheat(path)[0]
        entry = next((r for r in report["results"] if r["student"] == path.stem and r["assignment"] == exercise), None)
        if entry is None:
            rows.append(f"| `{path.name}` | missing from the report | | |")
            continue
        score, max_score = entry["score"], entry["max_score"]
        above += bool(score)
        flags = "; ".join(line.splitlines()[0] for line in entry["machinery"] + entry["flags"]) or "no"
        flags = flags.replace("|", "\\|")
        shown = "not graded" if score is None else f"{score:g}"
        rows.append(f"| `{path.name}` | {shown} | {max_score or 0:g} | {flags} |")
    table = "\n".join(
        [
            f"{above} of {len(cheats)} cheats score above 0 (released stubs + the cheat; make grade, hidden tests)",
            "",
            "| cheat | score | max | flags |",
            "|---|---|---|---|",
            *rows,
        ]
    )
    (out / "cheats.md").write_text(table + "\n")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
