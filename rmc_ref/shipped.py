"""Where the course's shipped artefacts live: small files made by the showdown and the
benchmarks (checkpoints, learning curves, scaling measurements) and read by lessons and demos.

They sit inside the package (``rmc_ref/assets/``) so they install with it and every lesson,
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
            "see rmc_ref/assets/README.md for the command that makes it")
    return path
