"""The layout rules of docs/architecture.md, checked on the source: two packages, the reference
(``rmc_ref``) never imports the course (``rmc_course``), no import circle, nothing imports upward
(a package's face ``__init__`` is the only module that may import its own submodules to hand
them on), no ``exec`` of source text, and importing the reference loads none of the course's
heavy dependencies."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("rmc_ref", "rmc_course")
COURSE_ONLY = (
    "nbgrader",
    "nbformat",
    "nbclient",
    "ipywidgets",
    "voila",
    "dask",
    "jupyterlab",
    "jupyter_server",
    "IPython",
    "ipykernel",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for package in PACKAGES for path in sorted((REPO / package).rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """First-party modules that ``name`` imports (absolute or relative, at any depth of the file)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def add(target: str) -> None:
        while target and target not in known:  # `from pkg import sub` names a module or a name
            target = target.rpartition(".")[0]
        if target:
            found.add(target)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                add(f"{module}.{alias.name}")
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _faces(graph: dict[str, set[str]]) -> set[str]:
    return {name for name in graph if (REPO / Path(*name.split("."))).is_dir()}


def test_the_graph_sees_the_imports_it_should():
    """The parser itself: relative imports, `from package import module`, and a known edge."""
    graph = import_graph()
    assert "rmc_ref.attention" in graph["rmc_ref.core"]
    assert "rmc_ref.fast" in graph["rmc_ref.core"]
    assert "rmc_course.guard" in graph["rmc_course.exercises.harness"]
    assert "rmc_ref.train" in graph["rmc_course.sweep"] or any(
        target.startswith("rmc_ref.train") for target in graph["rmc_course.sweep"]
    )


def test_the_reference_never_imports_the_course():
    graph = import_graph()
    offending = sorted(
        f"{source} -> {target}"
        for source, targets in graph.items()
        if source.startswith("rmc_ref")
        for target in targets
        if target.startswith("rmc_course")
    )
    assert offending == [], "rmc_ref must not import rmc_course (docs/architecture.md)"


def test_no_import_circle():
    graph = import_graph()
    faces = _faces(graph)
    # A package's face (__init__) imports its submodules to hand their names on, and a submodule
    # importing a sibling goes through the package: that is not a circle of ideas, so faces are
    # left out of the cycle search.
    inner = {name: {t for t in targets if t not in faces} for name, targets in graph.items() if name not in faces}
    assert _cycles(inner) == []


def test_no_cycle_finder_blind_spot():
    """The cycle search finds a planted circle (so the test above can fail)."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_nothing_imports_upward():
    """A module never imports the package face above it (its parent or an ancestor)."""
    graph = import_graph()
    faces = _faces(graph)
    upward = sorted(
        f"{source} -> {target}"
        for source, targets in graph.items()
        for target in targets
        if target in faces and source.startswith(target + ".") and source not in faces
    )
    assert upward == []


def test_no_exec_of_source_text():
    offenders = []
    for path in _modules().values():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("exec", "eval"):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize(
    "code",
    [
        "import rmc_ref, rmc_ref.train, rmc_ref.viz, rmc_ref.fast",
        "import runpy, sys; sys.argv = ['rmc_ref.train', '--help']\n"
        "try:\n    runpy.run_module('rmc_ref.train', run_name='__main__')\nexcept SystemExit:\n    pass",
    ],
)
def test_the_reference_loads_no_course_dependency(code):
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=120, check=True
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    heavy = sorted(m for m in loaded if m.split(".")[0] in COURSE_ONLY or m.split(".")[0] == "rmc_course")
    assert heavy == []
