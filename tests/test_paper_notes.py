"""docs/paper_notes.md, the course's own notes on the paper: what it names must exist."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

from rmc_ref import RelationalMemory

REPO = Path(__file__).resolve().parents[1]
NOTES = REPO / "docs" / "paper_notes.md"


def _resolve(dotted: str):
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            obj = getattr(obj, attribute)
        return obj
    raise ModuleNotFoundError(dotted)


def test_every_function_and_file_the_notes_name_exists():
    text = NOTES.read_text()
    dotted = set(re.findall(r"`(rmc_ref(?:\.\w+)+)`", text))
    assert len(dotted) >= 15, sorted(dotted)  # each equation names its function
    for name in sorted(dotted):
        assert _resolve(name) is not None, name
    for path in set(re.findall(r"`(rmc_ref/[\w/]+\.py)`", text)):
        assert (REPO / path).is_file(), path


def test_hyper_parameter_table_matches_the_constructor():
    text = NOTES.read_text()
    signature = inspect.signature(RelationalMemory).parameters
    rows = re.findall(r"^\| `(\w+)` \|[^|]*\| ([^|]+) \|", text, flags=re.MULTILINE)
    assert {name for name, _ in rows} == {
        "mem_slots",
        "head_size",
        "num_heads",
        "num_blocks",
        "forget_bias",
        "input_bias",
        "gate_style",
        "attention_mlp_layers",
        "key_size",
    }
    for name, default in rows:
        default = default.strip().strip("`")
        if name in ("mem_slots", "head_size"):
            assert signature[name].default is inspect.Parameter.empty
        elif name == "key_size":
            assert signature[name].default is None  # None means d_v
        else:
            assert repr(signature[name].default) == default, (name, default)


def test_the_code_and_readme_point_to_the_notes():
    assert "docs/paper_notes.md" in (REPO / "README.md").read_text()
    assert "docs/paper_notes.md" in (REPO / "rmc_ref" / "core.py").read_text()
