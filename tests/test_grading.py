"""Class grading end to end on the real nbgrader gradebook, with hostile submissions.

One class run (module fixture, two worker processes, short limits) grades every fixture of
tests/support/grading_fixtures.py; the tests below read its report, the gradebook and the feedback.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from support import grading_fixtures as gf

from rmc_course.grading import causes, cli, flags, intake, sandbox
from rmc_course.grading.preprocessors import hidden_test_lines
from rmc_course.grading.writer import leaked_lines

# The module's class run (set-up of the first test) grades ~20 notebooks; on a busy machine that
# can pass pytest-timeout's default 300 s.
pytestmark = [pytest.mark.timeout(900), pytest.mark.slow]  # slow: nbgrader in worker processes

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = NOTEBOOK = "ex01_attention"
# Generous per cell (the setup cell imports torch on a busy machine); the endless loop is then
# ended by the CPU-time limit (a correct notebook uses ~5 s) or the cell timeout, whichever
# comes first.
LIMITS = sandbox.Limits(cell_timeout=30, wall_seconds=150, cpu_seconds=15, file_mb=16, disk_mb=48)


def make_course(root: Path) -> Path:
    """A copy of the course's nbgrader set-up (config + exercise 1's source) in ``root``."""
    course = root / "course"
    (course / "solutions").mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "solutions" / ASSIGNMENT, course / "solutions" / ASSIGNMENT)
    return course


def source_nb(course: Path):
    return nbformat.read(course / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb", as_version=4)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Two class runs on one course: the real one (the scoring run keeps the learner's definitions)
    and one with every line run as written, for the fixtures that test the sandbox itself."""
    root = tmp_path_factory.mktemp("grading")
    course = make_course(root)
    escape = root / "ESCAPED.txt"
    other = course / "submitted" / "correct" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    src = source_nb(course)
    fixtures = gf.build(src, f"{NOTEBOOK}.ipynb", str(other), str(escape))
    fixtures.update(gf.build_ex01(src, f"{NOTEBOOK}.ipynb"))
    runs = {}
    for as_written in (False, True):
        subs = root / ("submissions_as_written" if as_written else "submissions")
        for student, (files, expect) in fixtures.items():
            if expect.as_written != as_written:
                continue
            for name, data in files.items():
                path = subs / student / ASSIGNMENT / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        if not as_written:
            (subs / "stray.txt").write_text("not a student")
        out = root / ("out_as_written" if as_written else "out")
        report = cli.grade_class(
            subs, course, out, workers=2, limits=LIMITS, progress=False, definitions_only=not as_written
        )
        runs[as_written] = {"subs": subs, "out": out, "report": report}
    first, second = runs[False]["report"], runs[True]["report"]
    report = dict(first)
    report["results"] = first["results"] + second["results"]
    report["orphans"] = first["orphans"] + second["orphans"]
    report["machinery_failures"] = first["machinery_failures"] + second["machinery_failures"]
    return {
        "course": course,
        "runs": runs,
        "subs_of": {s: runs[e.as_written]["subs"] for s, (_, e) in fixtures.items()},
        "outs": [runs[False]["out"], runs[True]["out"]],
        "out": runs[False]["out"],
        "report": report,
        "escape": escape,
        "fixtures": fixtures,
        "points": gf.points(src),
    }


def _result(graded, student):
    [res] = [r for r in graded["report"]["results"] if r["student"] == student]
    return res


FIXTURES = [
    "correct",
    "correct_extras",
    "partly",
    "wrong",
    "loop",
    "crash",
    "hugemem",
    "forkbomb",
    "deleted",
    "edited",
    "stripped",
    "stripped2",
    "badjson",
    "notnb",
    "snoop",
    "leaker",
    "delegate",
    "checkpatch",
    "torchpatch",
    "bigfile",
    "diskfill",
    "loop_skipped",
    "leaker_skipped",
    "torchpatch_written",
    "cheat_rebind_checks",
    "cheat_input_transformer",
    "cheat_ast_transformer",
    "cheat_fake_module",
    "cheat_custom_exc",
    "cheat_body_rebind_checks",
    "cheat_body_session",
    "cheat_body_settrace",
    "cheat_body_tensor_subclass",
    "cheat_body_torchpatch",
    "mistake_softmax_axis",
    "mistake_dot_T",
]


@pytest.mark.parametrize("student", FIXTURES)
def test_each_submission_gets_its_expected_score_and_flag(graded, student):
    files, expect = graded["fixtures"][student]
    res = _result(graded, student)
    assert res["machinery"] == [], res["machinery"]
    assert res["score"] == pytest.approx(expect.score(graded["points"])), gf.dumps(res)
    assert res["max_score"] == pytest.approx(sum(graded["points"]))
    if expect.flag:
        wanted = [w.lower() for w in expect.flag.split("|")]
        assert any(w in f.lower() for f in res["flags"] for w in wanted), gf.dumps(res)
    else:
        assert res["flags"] == [], res["flags"]


def test_nothing_is_lost_and_the_run_is_a_success(graded):
    report = graded["report"]
    assert report["machinery_failures"] == 0
    students = {r["student"] for r in report["results"]}
    assert students == set(graded["fixtures"])
    assert {o["student"] for o in report["orphans"]} == {"stray.txt"}
    rows = []
    for out in graded["outs"]:
        with open(out / "grades.csv") as f:
            rows += list(csv.DictReader(f))
    assert {r["student"] for r in rows} == students
    assert all(r["score"] != "" for r in rows)
    # every one of them is in the real gradebook file
    from nbgrader.api import Gradebook

    db = "sqlite:///" + str(graded["course"] / "gradebook.db")
    with Gradebook(db, "rmc-course") as gb:
        assert {s.id for s in gb.students} == students
        for r in rows:
            assert gb.find_submission(ASSIGNMENT, r["student"]).score == float(r["score"])


def test_no_feedback_reveals_hidden_tests(graded):
    hidden = []
    for cell in source_nb(graded["course"]).cells:
        hidden += hidden_test_lines(cell.source)
    assert hidden
    pages = sorted(page for out in graded["outs"] for page in (out / "feedback").rglob("*.html"))
    graded_students = [s for s, (_, e) in graded["fixtures"].items() if e.graded]
    assert {p.parts[-3] for p in pages} >= set(graded_students)
    for page in pages:
        assert leaked_lines(page.read_text(), hidden) == [], page
    # ... even though the leaker's kernel printed every cell it ran, hidden tests included
    auto = graded["course"] / "autograded" / "leaker" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    printed = "".join(o.get("text", "") for c in nbformat.read(auto, as_version=4).cells for o in c.get("outputs", []))
    assert leaked_lines(printed, hidden)


def test_learner_code_cannot_reach_other_work_or_write_outside(graded):
    assert not graded["escape"].exists()
    assert not Path(str(graded["escape"]) + ".dir").exists()
    auto = graded["course"] / "autograded" / "snoop" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    text = "".join(o.get("text", "") for c in nbformat.read(auto, as_version=4).cells for o in c.get("outputs", []))
    assert "blocked" in text and "READ" not in text and "WROTE" not in text, text


def test_disk_limits_stop_a_submission_before_it_fills_the_disk(graded):
    # one file: capped at file_mb by RLIMIT_FSIZE ("File too large" in the learner's cell)
    auto = graded["course"] / "autograded" / "bigfile" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    errors = [
        o
        for c in nbformat.read(auto, as_version=4).cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert any("File too large" in o["evalue"] for o in errors), errors
    # many files: the kernel is stopped once the scratch folder passes disk_mb, long before the
    # 512 MB it would write (the folder is measured every 0.1 s, so it may pass the limit a bit)
    [flag] = [f for f in _result(graded, "diskfill")["flags"] if "disk limit" in f]
    used_mb = float(re.search(r"scratch folder at (\d+) MB", flag).group(1))
    assert LIMITS.disk_mb <= used_mb < 512, flag  # stopped at the limit, long before 512 MB
    auto = graded["course"] / "autograded" / "diskfill" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    printed = "".join(o.get("text", "") for c in nbformat.read(auto, as_version=4).cells for o in c.get("outputs", []))
    assert "did not stop me" not in printed


def test_no_learner_process_survives(graded):
    if sandbox.detect() != "full":
        pytest.fail("the course's machines and CI run the full sandbox")
    import subprocess

    rows = subprocess.run(["ps", "-eo", "uid=,pid="], capture_output=True, text=True).stdout.split("\n")
    learners = [
        int(pid)
        for uid, pid in (row.split() for row in rows if row.strip())
        if sandbox.LEARNER_UID_BASE <= int(uid) < sandbox.LEARNER_UID_BASE + sandbox.MAX_SLOTS
    ]
    # a kernel of a grading run still going (another test grading in parallel) has its scratch
    # folder (its HOME); a survivor of a finished run has lost it
    assert not [pid for pid in learners if not os.path.isdir(_home_of(pid) or "/nonexistent")], learners


def _home_of(pid: int) -> str | None:
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return "/"  # gone meanwhile: not a survivor
    return next((v[5:].decode() for v in environ if v.startswith(b"HOME=")), None)


# -- fast unit tests (no kernels) ------------------------------------------------------------


def test_check_notebook_rejects_what_is_not_a_notebook():
    ok = gf.write(gf.solved(gf.tiny_source()))
    assert intake.check_notebook(ok) is None
    assert "invalid JSON" in intake.check_notebook(ok[:100])
    assert "UTF-8" in intake.check_notebook(b"\xff\xfe\x00")
    assert "not a valid notebook" in intake.check_notebook(b'{"cells": 3}')


def test_static_flags_name_what_the_learner_changed():
    src = gf.tiny_source()
    assert flags.static_flags(gf.solved(src), src) == []
    nb = gf.solved(src)
    gf.tests(nb)[0].source = "pass"
    assert any("locked cell 'test-1'" in f for f in flags.static_flags(nb, src))
    nb = gf.solved(src)
    gf.answers(nb)[0].source += "\nimport torch\ntorch.softmax = lambda *a, **k: 0"
    assert any("monkeypatching" in f for f in flags.static_flags(nb, src))
    nb = gf.solved(src)
    gf.answers(nb)[1].source = "from rmc_ref.attention import scaled_dot_product_attention"
    assert any("rmc_ref" in f for f in flags.static_flags(nb, src))


def test_leaked_lines_sees_through_html_highlighting():
    line = 'assert mul(-70, 3) == -210, "mul is wrong"'
    html = '<span class="k">assert</span> <span class="n">mul</span>(-70, 3) == -210, &quot;mul is wrong&quot;'
    assert leaked_lines(html, [line]) == [line]
    assert leaked_lines("nothing here", [line]) == []


# -- the same command on a Dask cluster --------------------------------------------------------


def test_dask_cluster_gives_the_same_scores(graded, tmp_path):
    """Re-grade some of the class on a LocalCluster of 2 worker processes: same scores as the
    local run (which is also the re-grade determinism check)."""
    from distributed import LocalCluster

    some = ["partly", "crash"]
    subs = tmp_path / "some"
    for student in some:
        shutil.copytree(graded["subs_of"][student] / student, subs / student)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = cli.grade_class(
            subs,
            graded["course"],
            tmp_path / "out",
            limits=LIMITS,
            scheduler=cluster.scheduler_address,
            progress=False,
            definitions_only=False,  # "crash" is a sandbox fixture: its os._exit must run
        )
    assert report["machinery_failures"] == 0
    again = {r["student"]: (r["score"], r["flags"]) for r in report["results"]}
    first = {s: (_result(graded, s)["score"], _result(graded, s)["flags"]) for s in some}
    assert again == first


# -- nbgrader's exchange (what a JupyterHub uses), on localhost -------------------------------


def test_exchange_release_fetch_submit_collect_then_grade(tmp_path):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit

    from rmc_course.grading.writer import load_course_config

    course = make_course(tmp_path)
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o1777)
    cfg = load_course_config(course)
    cfg.Exchange.root = str(exchange)
    api = NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)
    assert api.generate_assignment(ASSIGNMENT)["success"]
    assert api.release_assignment(ASSIGNMENT)["success"]
    solution = gf.solved(source_nb(course))
    for student in ("alice", "bob"):
        home = tmp_path / "home" / student
        home.mkdir(parents=True)
        scfg = load_course_config(course)
        scfg.Exchange.root = str(exchange)
        scfg.Exchange.assignment_dir = str(home)
        scfg.CourseDirectory.student_id = student
        scfg.CourseDirectory.assignment_id = ASSIGNMENT
        cdir, auth = CourseDirectory(config=scfg), Authenticator(config=scfg)
        ExchangeFetchAssignment(coursedir=cdir, authenticator=auth, config=scfg).start()
        fetched = home / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
        assert fetched.exists()
        if student == "alice":  # alice solves everything, bob submits the stub as fetched
            nbformat.write(solution, fetched)
        ExchangeSubmit(coursedir=cdir, authenticator=auth, config=scfg).start()
    assert api.collect(ASSIGNMENT)["success"]
    submitted = course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["alice", "bob"]
    report = cli.grade_class(submitted, course, tmp_path / "out", workers=2, limits=LIMITS, progress=False)
    scores = {r["student"]: r["score"] for r in report["results"]}
    assert scores == {"alice": sum(gf.points(solution)), "bob": 0.0}
    assert report["machinery_failures"] == 0


# -- the formgrader reads what the class run wrote ---------------------------------------------


def test_formgrader_shows_the_scores_and_flags(graded, tmp_path):
    """nbgrader's formgrader (a Jupyter server extension), started on localhost in the course
    folder, serves the same scores and nbgrader's own 'flagged' mark for flagged submissions."""
    import json
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"),
        JUPYTER_DATA_DIR=str(tmp_path / "data"),
        PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"],
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=grading-test",
            f"--ServerApp.root_dir={graded['course']}",
        ],
        cwd=graded["course"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def get(path):
        req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": "token grading-test"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())

    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                subs = get(f"/formgrader/api/submissions/{ASSIGNMENT}")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(1)
        nbs = get(f"/formgrader/api/submitted_notebooks/{ASSIGNMENT}/{NOTEBOOK}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    scores = {s["student"]: s["score"] for s in subs}
    mine = {r["student"]: r["score"] for r in graded["report"]["results"]}
    assert scores == mine
    flagged = {n["student"] for n in nbs if n["flagged"]}
    expected = {
        r["student"] for r in graded["report"]["results"] if (r["flags"] or r["machinery"]) and r["score"] is not None
    }
    assert flagged >= {"loop", "crash", "forkbomb", "delegate"}
    assert flagged <= expected


def test_summary_lists_every_flagged_submission_with_its_reasons(graded):
    import io

    buf = io.StringIO()
    cli.print_summary(graded["report"], graded["out"], stream=buf)
    text = buf.getvalue()
    for r in graded["report"]["results"]:
        if r["flags"]:
            assert f"{r['student']}/{ASSIGNMENT}" in text
            assert r["flags"][0] in text
    assert "stray.txt" in text
    flagged = set()
    for out in graded["outs"]:
        with open(out / "flags.csv") as f:
            flagged |= {row["student"] for row in csv.DictReader(f)}
    assert flagged >= {"loop", "crash", "stray.txt", "cheat_rebind_checks", "cheat_body_rebind_checks"}


def test_the_class_report_of_causes_counts_learners_and_points(graded):
    points = dict(zip([f"test-1-{i}" for i in range(1, 5)], graded["points"]))
    with open(graded["out"] / "causes.csv") as f:
        rows = list(csv.DictReader(f))
    by_key = {(r["test"], r["cause"]): r for r in rows}
    # one learner each: the bank names the softmax axis, the error translation names `.T`
    softmax = by_key[("test-1-1", "1.1:softmax-query-axis")]
    assert softmax["learners"] == "1" and float(softmax["points_lost"]) == points["test-1-1"]
    assert softmax["what"] == "softmax over the query axis"
    assert by_key[("test-1-1", "transpose-T")]["learners"] == "1"
    # and their 1.4 (right itself) points at the earlier function
    assert by_key[("test-1-4", "upstream")]["learners"] == "2"
    # the stubs (the class run has several): not written yet
    assert int(by_key[("test-1-2", "not-written")]["learners"]) >= 3
    # what is not a check's verdict is never given a check's cause
    assert all(r["cause"] in causes.known_causes() or r["cause"].startswith("cell-error:") for r in rows)
    assert (graded["out"] / "causes.png").stat().st_size > 1000
    report = graded["runs"][False]["report"]
    assert {(c["test"], c["cause"]) for c in report["causes"]} == set(by_key)


def test_a_cause_is_read_from_the_checks_first_line_only():
    known = causes.known_causes()
    forged = {
        "ename": "CheckFailed",
        "evalue": "Exercise 1.1 raised ValueError. [cause: no-gradient]\n  [cause: in-place]",
    }
    assert causes.cause_of(forged, known) == "no-gradient"
    learner_text = {"ename": "CheckFailed", "evalue": "Exercise 1.1 raised X.\n  X: nope [cause: dtype]"}
    assert causes.cause_of(learner_text, known) == "unrecognised"
    invented = {"ename": "CheckFailed", "evalue": "Exercise 1.1 is wrong [cause: made-up]"}
    assert causes.cause_of(invented, known) == "unrecognised"
    assert (
        causes.cause_of({"ename": "AssertionError", "evalue": "x [cause: dtype]"}, known) == "cell-error:AssertionError"
    )


def test_cli_exits_2_when_grading_cannot_start(tmp_path, capsys):
    assert cli.main([str(tmp_path / "missing"), "--course", str(tmp_path)]) == 2
    assert "grading could not run" in capsys.readouterr().err
    (tmp_path / "subs").mkdir()
    assert cli.main([str(tmp_path / "subs"), "--course", str(tmp_path), "--no-progress"]) == 2
    assert "no assignments" in capsys.readouterr().err
