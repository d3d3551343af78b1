"""The figures quoted for the default CLI run (docs/results.md, which the README links) come from
the shipped summary.json of that run."""

from __future__ import annotations

import json
from pathlib import Path

from rmc_course.shipped import asset_path
from rmc_ref.train import TrainConfig

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "docs" / "results.md"  # where the README's result figures live


def _summary() -> dict:
    return json.loads(asset_path("default_run", "summary.json").read_text())


def test_shipped_default_run_is_the_current_default_configuration():
    summary = _summary()
    assert summary["seeds"] == [0, 1, 2]
    assert set(summary["models"]) == {"rmc", "lstm"}
    # a field added since (warm-up, curriculum) is missing from the saved config; its default is what the run did
    saved = TrainConfig.from_dict(summary["config"]).to_dict()
    assert saved == TrainConfig().to_dict(), "defaults changed: rerun the default CLI run"
    assert summary["environment"]["threads"] == 1


def test_results_page_quotes_the_shipped_figures():
    summary = _summary()
    page = " ".join(RESULTS.read_text().split())
    for kind in ("rmc", "lstm"):
        stats = summary["models"][kind]["final_test_acc_summary"]
        quoted = f"{kind.upper()} {stats['median']:.1%} [{stats['min']:.1%}, {stats['max']:.1%}]"
        assert quoted in page, quoted
    assert f"rmc_ref {summary['rmc_ref_version']}" in page
    assert "1 torch thread" in page and "CPU time" in page


def test_readme_links_the_results_page():
    assert "docs/results.md" in (REPO / "README.md").read_text()
