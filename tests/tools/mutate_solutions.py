"""Do the graders catch wrong code? Break every solution on purpose and count who notices.

    .venv/bin/python tests/tools/mutate_solutions.py            # all assignments
    .venv/bin/python tests/tools/mutate_solutions.py ex01_attention --show-survivors

For every solution cell of ``solutions/*/*.ipynb`` (the code between ``### BEGIN SOLUTION`` and
``### END SOLUTION``) this script makes *mutants*, each one wholesale change of the kind a learner
makes: an arithmetic operator swapped (+ - * / @), a constant changed (axes, sizes, biases,
``descending=True``), a statement dropped, a wrapping call removed (``tanh(x)`` -> ``x``), an
activation swapped (tanh <-> sigmoid, softmax -> log_softmax), two arguments swapped, a slice or
index removed. It then runs the notebook's own code in-process (setup cell, every answer cell
with the one mutant, every test cell after it) twice: with the visible tests only (what the
learner's Validate button runs) and with the hidden tests too (what grading runs). A mutant
*loses points* when any test cell fails.

It prints the share of mutants that lose points, per assignment and overall, for both runs,
and every survivor of the full run. Survivors known to be equivalent to the solution (the same
function, written differently) are listed in ``EQUIVALENT`` with the reason and reported as such.
"""

from __future__ import annotations

import argparse
import ast
import copy
import io
import re
import sys
import time
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import nbformat
import torch

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = re.compile(r"(### BEGIN SOLUTION\n)(.*?)(\s*### END SOLUTION)", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)

# Survivors that compute the same function as the solution, with the reason. Keyed by
# "<assignment> <exercise> <mutation description>" as printed by --show-survivors.
EQUIVALENT: dict[str, str] = {
    "ex01_attention 1.1 line 3: swap the first two arguments of transpose()": "transpose(-2, -1) is transpose(-1, -2)",
    "ex01_attention 1.2 line 4: swap the first two arguments of transpose()": "transpose(2, 1) is transpose(1, 2)",
    "ex01_attention 1.3 line 3: swap the first two arguments of transpose()": "transpose(2, 1) is transpose(1, 2)",
    "ex02_memory 2.1 line 4: drop zeros(..., dtype=...)": "torch.cat promotes the float32 padding to the identity's dtype: same values, same dtype",
    "ex05_nth_farthest 5.1 line 7: drop argsort(..., dim=...)": "argsort's default dim=-1 is dim=1 of the [B, T] distances",
}
# Known gaps (not equivalent, not caught): the checks run on the CPU only, so a function that
# forgets to pass `device=` on gives the same result there:
#   "ex02_memory 2.1 line 2: drop eye(..., device=...)", "... line 4: drop zeros(..., device=...)".
# (A device="meta" probe would catch them, but its first torch.eye costs seconds per kernel.)


@dataclass
class Mutant:
    cell: int  # index of the answer cell in the notebook
    exercise: str  # "1.1"
    description: str
    source: str  # the whole mutated cell


# ---------------------------------------------------------------------------------------------
# mutation operators, on the AST of the solution region

BINOP_SWAPS = {
    ast.Add: [ast.Sub, ast.Mult],
    ast.Sub: [ast.Add],
    ast.Mult: [ast.Add, ast.Div],
    ast.Div: [ast.Mult],
    ast.MatMult: [ast.Mult],
    ast.Pow: [ast.Mult],
}
CALL_SWAPS = {
    "tanh": ["sigmoid"],
    "sigmoid": ["tanh"],
    "softmax": ["log_softmax"],
    "argmax": ["argmin"],
    "cross_entropy": ["nll_loss"],
    "zeros": ["ones"],
    "transpose": ["permute"],
    "sum": ["mean"],
    "cat": ["stack"],
    "norm": ["sum"],
}


class _Site:
    """One place in the tree that can be mutated: apply() changes it, description says how."""

    def __init__(self, description, apply):
        self.description, self.apply = description, apply


def _sites(tree: ast.AST) -> list[_Site]:
    sites: list[_Site] = []
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node

    def line(node):
        return getattr(node, "lineno", "?")

    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp):
            for new in BINOP_SWAPS.get(type(node.op), []):
                sites.append(
                    _Site(
                        f"line {line(node)}: {type(node.op).__name__} -> {new.__name__}",
                        lambda n=node, new=new: setattr(n, "op", new()),
                    )
                )
            sites.append(
                _Site(
                    f"line {line(node)}: keep only the left operand of {type(node.op).__name__}",
                    lambda n=node: _replace(parents, n, n.left),
                )
            )
        elif isinstance(node, ast.Constant) and not isinstance(node.value, str):
            value = node.value
            if isinstance(value, bool):
                options = [not value]
            elif isinstance(value, int):
                options = [value + 1, value - 1] if value != 0 else [1]
            elif isinstance(value, float):
                options = [value * 2, 0.0]
            else:
                options = []
            for option in options:
                sites.append(
                    _Site(
                        f"line {line(node)}: constant {value!r} -> {option!r}",
                        lambda n=node, o=option: setattr(n, "value", o),
                    )
                )
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            sites.append(_Site(f"line {line(node)}: drop a minus sign", lambda n=node: _replace(parents, n, n.operand)))
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for new in CALL_SWAPS.get(name, []):

                def swap(n=node, new=new):
                    if isinstance(n.func, ast.Attribute):
                        n.func.attr = new
                    else:
                        n.func.id = new

                sites.append(_Site(f"line {line(node)}: {name}() -> {new}()", swap))
            if len(node.args) == 1 and not node.keywords and not isinstance(parents.get(node), ast.Expr):
                sites.append(
                    _Site(f"line {line(node)}: {name}(x) -> x", lambda n=node: _replace(parents, n, n.args[0]))
                )
            if len(node.args) >= 2:

                def swap_args(n=node):
                    n.args[0], n.args[1] = n.args[1], n.args[0]

                sites.append(_Site(f"line {line(node)}: swap the first two arguments of {name}()", swap_args))
            for keyword in node.keywords:
                sites.append(
                    _Site(
                        f"line {line(node)}: drop {name}(..., {keyword.arg}=...)",
                        lambda n=node, k=keyword: n.keywords.remove(k),
                    )
                )
        elif isinstance(node, ast.Subscript):
            sites.append(
                _Site(f"line {line(node)}: drop the subscript [...]", lambda n=node: _replace(parents, n, n.value))
            )
        elif isinstance(node, ast.Attribute) and node.attr == "T":
            sites.append(_Site(f"line {line(node)}: drop .T", lambda n=node: _replace(parents, n, n.value)))
    # statements: drop each one that is not the last of its block
    for node in ast.walk(tree):
        for field in ("body", "orelse"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for index, statement in enumerate(block):
                if isinstance(statement, (ast.Return, ast.FunctionDef)) or (
                    isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                ):
                    continue
                sites.append(
                    _Site(
                        f"line {line(statement)}: drop the statement",
                        lambda b=block, i=index: b.__setitem__(i, ast.Pass()),
                    )
                )
    return sites


def _replace(parents: dict, old: ast.AST, new: ast.AST) -> None:
    parent = parents[old]
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
            return
        if isinstance(value, list):
            for index, item in enumerate(value):
                if item is old:
                    value[index] = new
                    return


def mutants_of(cell_index: int, exercise: str, source: str) -> list[Mutant]:
    match = SOLUTION.search(source)
    if match is None:
        return []
    region = match.group(2)
    indent = re.match(r"\s*", region).group(0)
    body = "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in region.splitlines())
    wrapper = "def __region__():\n" + "\n".join("    " + line for line in body.splitlines())
    tree = ast.parse(wrapper)
    count = len(_sites(tree))
    original = ast.unparse(tree)
    results, seen = [], set()
    for index in range(count):
        mutated = copy.deepcopy(tree)
        site = _sites(mutated)[index]
        try:
            site.apply()
            text = ast.unparse(ast.fix_missing_locations(mutated))
        except Exception:
            continue
        if text == original or text in seen:
            continue
        seen.add(text)
        new_body = "\n".join(text.splitlines()[1:])  # drop "def __region__():"
        new_body = "\n".join(indent + line[4:] for line in new_body.splitlines())
        new_source = source[: match.start(2)] + new_body + source[match.end(2) :]
        results.append(Mutant(cell_index, exercise, site.description, new_source))
    return results


# ---------------------------------------------------------------------------------------------
# running the graders on a mutant


def run_tests(cells: list, with_hidden: bool, start: int) -> bool:
    """Execute the notebook's code cells in order; True when every test cell from ``start`` on
    passes. Answer and setup cells always run (definitions); test cells before ``start`` are
    skipped (the mutant cannot affect them)."""
    namespace = {"__name__": "__main__"}
    sink = io.StringIO()
    for index, (kind, source) in enumerate(cells):
        if kind == "test":
            if index < start:
                continue
            if not with_hidden:
                source = HIDDEN.sub("", source)
        try:
            with redirect_stdout(sink):
                exec(compile(source, f"<cell {index}>", "exec"), namespace)
        except Exception:
            if kind == "test":
                return False
            return False  # an answer cell that does not even define its function
    return True


def notebook_cells(path: Path) -> list[tuple[str, str]]:
    notebook = nbformat.read(str(path), as_version=4)
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        kind = "test" if meta.get("grade") else "answer" if meta.get("solution") else "setup"
        cells.append((kind, cell.source))
    return cells


def mutate_assignment(assignment: str, show: bool) -> tuple[int, int, int, list[str]]:
    path = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    cells = notebook_cells(path)
    assert run_tests(cells, True, 0), f"{assignment}: the unmutated solution must pass"
    mutants = []
    for index, (kind, source) in enumerate(cells):
        if kind == "answer":
            exercise = re.search(r"Exercise (\d\.\d)", source).group(1)
            mutants.extend(mutants_of(index, exercise, source))
    killed_visible = killed_all = 0
    survivors = []
    for mutant in mutants:
        mutated = list(cells)
        mutated[mutant.cell] = ("answer", mutant.source)
        if not run_tests(mutated, False, mutant.cell):
            killed_visible += 1
            killed_all += 1
            continue
        if not run_tests(mutated, True, mutant.cell):
            killed_all += 1
            continue
        key = f"{assignment} {mutant.exercise} {mutant.description}"
        survivors.append(key)
        if show:
            print(f"  survivor: {key}" + (f"  [equivalent: {EQUIVALENT[key]}]" if key in EQUIVALENT else ""))
            if key not in EQUIVALENT:
                print("\n".join("    " + line for line in SOLUTION.search(mutant.source).group(2).splitlines()))
    return len(mutants), killed_visible, killed_all, survivors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignments", nargs="*", help="default: every folder of solutions/")
    parser.add_argument("--show-survivors", action="store_true", help="print each survivor's code")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    sys.path.insert(0, str(ROOT))
    assignments = args.assignments or sorted(
        p.name for p in (ROOT / "solutions").iterdir() if (p / f"{p.name}.ipynb").exists()
    )
    totals = [0, 0, 0]
    all_survivors = []
    started = time.perf_counter()
    for assignment in assignments:
        count, visible, full, survivors = mutate_assignment(assignment, args.show_survivors)
        totals = [totals[0] + count, totals[1] + visible, totals[2] + full]
        all_survivors += survivors
        print(
            f"{assignment}: {count} mutants; lose points with the visible tests {visible} "
            f"({visible / count:.0%}), with all tests {full} ({full / count:.0%})",
            flush=True,
        )
    count, visible, full = totals
    equivalent = [s for s in all_survivors if s in EQUIVALENT]
    not_equivalent = count - len(equivalent)
    print(f"\nall: {count} mutants, {len(equivalent)} of them equivalent to the solution")
    print(
        f"  lose points, visible tests only: {visible}/{count} = {visible / count:.1%} "
        f"({visible}/{not_equivalent} = {visible / not_equivalent:.1%} of the non-equivalent)"
    )
    print(
        f"  lose points, all tests:          {full}/{count} = {full / count:.1%} "
        f"({full}/{not_equivalent} = {full / not_equivalent:.1%} of the non-equivalent)"
    )
    print(
        f"  survivors: {len(all_survivors)} ({len(equivalent)} equivalent, {len(all_survivors) - len(equivalent)} not)"
    )
    for survivor in all_survivors:
        print(f"    {survivor}" + (f"  [equivalent: {EQUIVALENT[survivor]}]" if survivor in EQUIVALENT else ""))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
