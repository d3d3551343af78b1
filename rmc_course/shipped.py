"""Where the course's shipped artefacts live: small files made by the showdown and the
benchmarks (checkpoints, learning curves, scaling measurements) and read by lessons and demos.

They sit inside the package (``rmc_course/assets/``) so they install with it and every lesson,
demo and test finds them the same way, whatever the working folder. Nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().with_name("assets")


def asset_path(*parts: str) -> Path:
    """Path of a shipped artefact, e.g. ``asset_path("showdown", "summary.json")``.

    Raises ``FileNotFoundError`` naming the command that makes the file when it is missing.
    """
    path = ASSETS.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(
            f"shipped artefact {path.relative_to(ASSETS.parent.parent)} is missing; "
            "see rmc_course/assets/README.md for the command that makes it"
        )
    return path


def load_scaling() -> dict:
    """The shipped scaling measurements (``rmc_course/assets/scaling/scaling.json``) as a dict.

    Made by ``python benchmarks/scaling.py``; its schema is in ``rmc_course/assets/README.md``.
    Keys used most: ``rows`` (one dict per measured point) and ``fits`` (fitted exponents).
    """
    import json

    return json.loads(asset_path("scaling", "scaling.json").read_text())


def scaling_rows(sweep: str | None = None, model: str | None = None, mode: str | None = None) -> list[dict]:
    """Rows of the scaling table, filtered, sorted by the swept value.

    ``sweep`` 'slots', 'heads' or 'seq_len'; ``model`` 'rmc', 'lstm' or 'transformer';
    ``mode`` 'train' (forward + backward) or 'forward'. ``None`` keeps all. Each row has
    ``value`` (of the swept variable), ``time_s``, ``peak_bytes``, ``flops``, ``state_floats``,
    ``parameters`` and the full configuration (``mem_slots``, ``num_heads``, ``head_size``,
    ``input_size``, ``seq_len``, ``batch``), e.g.::

        rows = scaling_rows("seq_len", "transformer", "train")
        [(r["value"], r["time_s"]) for r in rows]
    """
    table = load_scaling()
    wanted = {"sweep": sweep, "model": model, "mode": mode}
    for key, value in wanted.items():
        known = sorted({row[key] for row in table["rows"]})
        if value is not None and value not in known:
            raise ValueError(f"{key} must be one of {known} or None, got {value!r}")
    rows = [row for row in table["rows"] if all(value is None or row[key] == value for key, value in wanted.items())]
    return sorted(rows, key=lambda row: (row["sweep"], row["model"], row["mode"], row["value"]))


def scaling_exponent(
    sweep: str, model: str, mode: str = "train", quantity: str = "time", tail: bool = True
) -> float | None:
    """Fitted complexity exponent k of cost ~ value**k for one curve of the scaling table.

    ``quantity`` 'time' or 'memory'; ``tail=True`` fits the last three points (the large-size
    regime an O(.) describes), ``tail=False`` all points. ``None`` if the curve has no fit.
    """
    for fit in load_scaling()["fits"]:
        if (fit["sweep"], fit["model"], fit["mode"], fit["quantity"]) == (sweep, model, mode, quantity):
            return fit["exponent_tail" if tail else "exponent"]
    raise ValueError(f"no fitted curve for sweep={sweep!r}, model={model!r}, mode={mode!r}, quantity={quantity!r}")
