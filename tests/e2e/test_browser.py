"""End to end in a real browser: JupyterLab, the widgets, nbgrader and the Voilà app.

JupyterLab starts from this repo's environment on a free localhost port with a token, its
JUPYTER_*/IPython/matplotlib folders in a tmp dir, serving a tmp copy of notebooks/, exercises/,
solutions/ and nbgrader_config.py (so running cells and pressing Validate never write into the
repo). Debian's Chromium, driven by Playwright, then

1. opens lesson 1, runs all cells, and finds no error output;
2. opens the instructor demos, runs them, drags a slider and sees the figure change;
3. presses nbgrader's Validate on exercise 1: the solution passes, the released stub fails;
4. opens the formgrader and finds the assignment;
5. starts the Voilà app with `make demos`, finds no code, moves a slider there too.

Screenshots go to test-artifacts/browser/ (gitignored). Waits are explicit (a selector, a
condition in the page, a server answering); no sleep is used to synchronise.

Chromium comes from Debian's package (`apt-get install chromium`; `make test` installs it when
it runs as root). Without it the tests skip with that instruction, except in CI (CI=true),
where a missing browser fails them.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real browser, JupyterLab and Voila servers

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium waits on network services this closed machine does not have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LESSON = "notebooks/01_attention.ipynb"
DEMOS = "notebooks/instructor_demos.ipynb"
EXERCISE = "ex01_attention"
SERVER_START_S = 120  # a busy shared 2-core machine can take a minute to start a server
RUN_ALL_S = 240  # running a whole notebook, kernel start included
UI_S = 60  # anything that only needs the page to react


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = (
            f"the browser test needs Debian's Chromium at {CHROMIUM}: `apt-get install chromium` "
            "(make test installs it when run as root)"
        )
        if _in_ci():
            pytest.fail(message + "; CI must run this test, so a missing browser is a failure")
        pytest.skip(message)
    pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency: make setup")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll until ``url`` answers 200 (the server is up); fail early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode} before answering; log:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)  # polling interval of an explicit wait, not a synchronisation sleep
    pytest.fail(f"{url} did not answer within {timeout} s; log:\n{log.read_text()[-3000:]}")


def _wait_log(log: Path, process: subprocess.Popen, line: str, timeout: float) -> None:
    """Poll the server's log until it prints ``line`` (it is listening); fail early if it died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if line in log.read_text():
            return
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}; log:\n{log.read_text()[-3000:]}")
        time.sleep(0.25)  # polling interval of an explicit wait, not a synchronisation sleep
    pytest.fail(f"no {line!r} within {timeout} s; log:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the process group we started (server + its kernels), SIGKILL if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _isolated_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env.pop("MPLBACKEND", None)  # `make test` exports Agg; kernels must pick the inline backend
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A throwaway copy of the course folders the browser opens."""
    root = tmp_path_factory.mktemp("course")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "gradebook.db")
    for folder in ("notebooks", "exercises", "solutions"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    if (REPO / "nbgrader_config.py").exists():
        shutil.copy2(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    return root


@pytest.fixture(scope="module")
def voila_process(tmp_path_factory):
    """`make demos` on a free port, headless, started with JupyterLab so both start at once."""
    port = _free_port()
    log = ARTIFACTS / "voila.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    env = _isolated_env(tmp_path_factory.mktemp("voila-home"))
    env["HEADLESS"] = "1"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "demos", f"DEMOS_PORT={port}"],
            cwd=REPO,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process, port, log
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def lab(course, tmp_path_factory, voila_process):
    """JupyterLab of this environment, on a free port with a token; yields its base URL and token."""
    home = tmp_path_factory.mktemp("jupyter-home")
    port, token = _free_port(), secrets.token_hex(16)
    log = ARTIFACTS / "jupyterlab.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={course}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    # no "get notified about Jupyter news?" toast over the page (settings live in the tmp dir)
    settings = home / "lab-settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}'
    )
    command.append(f"--LabApp.user_settings_dir={settings}")
    command.append(f"--LabApp.workspaces_dir={home / 'lab-workspaces'}")
    with log.open("w") as log_file:
        process = subprocess.Popen(
            command,
            cwd=course,
            env=_isolated_env(home),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_http(f"{base}/api/status?token={token}", process, log, SERVER_START_S)
        yield base, token
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        context.set_default_timeout(UI_S * 1000)
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser, request):
    """A fresh tab; its console errors are collected in ``page.console_errors``."""
    tab = browser.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    yield tab
    tab.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


# ---------------------------------------------------------------------------------------------
# JupyterLab helpers


# The notebook panel showing ``path`` (JupyterLab exposes itself as window.jupyterapp because the
# server runs with --LabApp.expose_app_in_browser=True).
PANEL_JS = """(path) => {
    const app = window.jupyterapp;
    if (!app) return null;
    for (const widget of app.shell.widgets('main')) {
        if (widget.context && widget.context.path === path && widget.content && widget.content.model) return widget;
    }
    return null;
}"""


def open_notebook(page, lab, path: str) -> None:
    """Open ``path`` in a fresh workspace (no tabs restored) and wait for an idle, connected kernel."""
    base, token = lab
    workspace = re.sub(r"\W", "-", path)
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{path}?token={token}&reset")
    page.wait_for_function(
        f"""(path) => {{
            const panel = ({PANEL_JS})(path);
            const session = panel && panel.sessionContext && panel.sessionContext.session;
            const kernel = session && session.kernel;
            return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle'
                && panel.node.querySelectorAll('.jp-Cell').length > 0;
        }}""",
        arg=path,
        timeout=SERVER_START_S * 1000,
    )


def wait_cells_ran(page, path: str, upto: int | None = None) -> None:
    """Wait until every code cell (of the first ``upto`` cells) has an execution count, no cell
    is queued or running, and the kernel is idle -- or until a cell shows an error (Run All stops
    there; the caller's error check then reports it instead of a timeout)."""
    page.wait_for_function(
        f"""([path, upto]) => {{
            const panel = ({PANEL_JS})(path);
            const session = panel && panel.sessionContext.session;
            if (!session || !session.kernel) return false;
            const cells = Array.from(panel.content.model.cells).slice(0, upto === null ? undefined : upto)
                .filter(c => c.type === 'code');
            const prompts = Array.from(panel.node.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
                .map(p => p.textContent.trim());
            const idle = !prompts.some(p => p.includes('*')) && session.kernel.status === 'idle';
            const failed = cells.some(c => Array.from({{length: c.outputs.length}}, (_, i) => c.outputs.get(i))
                .some(o => o.type === 'error'));
            return idle && cells.length > 0 && (failed || cells.every(c => c.executionCount !== null));
        }}""",
        arg=[path, upto],
        timeout=RUN_ALL_S * 1000,
    )


def run_all(page, path: str) -> None:
    """Run > Run All Cells, through the menus, then wait until every code cell has run."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    wait_cells_ran(page, path)


def run_through_cell_containing(page, path: str, text: str) -> None:
    """Run every cell from the top down to the first one whose source contains ``text``."""
    index = page.evaluate(
        f"""([path, text]) => {{
            const panel = ({PANEL_JS})(path);
            const cells = Array.from(panel.content.model.cells);
            const index = cells.findIndex(c => c.sharedModel.getSource().includes(text));
            if (index < 0) return -1;
            panel.content.activeCellIndex = index + 1;  // 'run all above' stops before the active cell
            window.jupyterapp.commands.execute('notebook:run-all-above');
            return index;
        }}""",
        [path, text],
    )
    assert index >= 0, f"no cell of {path} contains {text!r}"
    wait_cells_ran(page, path, upto=index + 1)


def error_outputs(page, path: str) -> list[str]:
    """Error outputs of the notebook (from its model), plus tracebacks shown as stderr."""
    return page.evaluate(
        f"""(path) => {{
            const panel = ({PANEL_JS})(path);
            const found = [];
            for (const cell of Array.from(panel.content.model.cells)) {{
                if (cell.type !== 'code') continue;
                for (let i = 0; i < cell.outputs.length; i++) {{
                    const output = cell.outputs.get(i).toJSON();
                    const text = JSON.stringify(output);
                    if (output.output_type === 'error' || /Traceback \\(most recent call last\\)/.test(text)) {{
                        found.push(output.ename ? output.ename + ': ' + output.evalue : text.slice(0, 300));
                    }}
                }}
            }}
            return found;
        }}""",
        path,
    )


def figure_src(page, demo) -> str:
    return demo.locator("img.rmc-demo-figure").get_attribute("src")


def drag_slider(page, demo, label: str, dx: float) -> None:
    """Drag the handle of the slider whose description is ``label`` by ``dx`` pixels."""
    slider = demo.locator(".widget-slider", has=page.locator(".widget-label", has_text=label)).first
    handle = slider.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y, steps=4)
    page.mouse.move(x + dx, y, steps=4)
    page.mouse.up()


def wait_figure_changed(page, demo, old_src: str) -> str:
    image = demo.locator("img.rmc-demo-figure")
    image.element_handle().wait_for_element_state("visible")
    page.wait_for_function(
        "([img, old]) => img.getAttribute('src') !== old && img.complete && img.naturalWidth > 0",
        arg=[image.element_handle(), old_src],
    )
    return image.get_attribute("src")


# ---------------------------------------------------------------------------------------------
# the tests


def test_lesson_runs_all_cells_without_error_output(page, lab):
    open_notebook(page, lab, LESSON)
    run_all(page, LESSON)
    shot(page, "01_lesson_after_run_all")
    assert error_outputs(page, LESSON) == []
    assert (
        page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", has_text="Traceback"
        ).count()
        == 0
    )


def test_demo_slider_drag_changes_the_figure_in_jupyterlab(page, lab):
    open_notebook(page, lab, DEMOS)
    # the set-up cell and the first demo only: the Voila test below runs the whole notebook
    run_through_cell_containing(page, DEMOS, "widgets.attention_sharpness_demo()")
    assert error_outputs(page, DEMOS) == []
    sharpness = page.locator(".jp-OutputArea .rmc-demo").first
    sharpness.scroll_into_view_if_needed()
    readout = sharpness.locator(".widget-slider", has=page.locator(".widget-label", has_text="temperature")).locator(
        ".widget-readout"
    )
    before_src, before_value = figure_src(page, sharpness), readout.text_content()
    shot(page, "02_demos_before_drag")
    drag_slider(page, sharpness, "temperature", -120)
    after_src = wait_figure_changed(page, sharpness, before_src)
    assert after_src != before_src
    assert float(readout.text_content()) < float(before_value)  # dragged left: a lower temperature
    assert sharpness.locator(".rmc-demo-status").inner_text() == ""  # no error message under the figure
    shot(page, "03_demos_after_drag")


@pytest.mark.parametrize("folder, verdict", [("solutions", "passes all the tests"), ("exercises", "failed")])
def test_nbgrader_validate_button_gives_the_verdict(page, lab, folder, verdict):
    open_notebook(page, lab, f"{folder}/{EXERCISE}/{EXERCISE}.ipynb")
    button = page.locator(".validate-button")
    button.click()
    dialog = page.locator(".jp-Dialog-content")
    dialog.locator(".validation-success, .validation-failed, .validation-error, .validation-passed").first.wait_for(
        timeout=RUN_ALL_S * 1000
    )
    shot(page, f"04_validate_{folder}")
    text = dialog.inner_text()
    assert verdict in text, text[:2000]
    if folder == "exercises":
        assert "passes all the tests" not in text
    page.keyboard.press("Escape")


def test_formgrader_lists_the_assignment(page, lab):
    base, token = lab
    page.goto(f"{base}/formgrader?token={token}")
    page.get_by_text("Manage Assignments").first.wait_for()
    page.get_by_role("link", name=EXERCISE).first.wait_for()
    shot(page, "05_formgrader")


@pytest.fixture(scope="module")
def voila_app(voila_process):
    """Waits until `make demos` serves; yields the URL it printed."""
    process, port, log = voila_process
    _wait_log(log, process, "Voilà is running at", SERVER_START_S)
    printed = re.findall(r"http://127\.0\.0\.1:\d+/", log.read_text())
    assert printed and all(url == f"http://127.0.0.1:{port}/" for url in printed), log.read_text()
    return printed[0]


def test_voila_app_hides_code_and_its_slider_changes_the_figure(page, voila_app):
    page.goto(voila_app)
    demos = page.locator(".rmc-demo")
    demos.nth(4).wait_for(timeout=RUN_ALL_S * 1000)  # all five demos rendered
    assert demos.count() == 5
    assert page.get_by_text("widgets.attention_sharpness_demo()").count() == 0  # code hidden
    gating = demos.nth(2)
    gating.scroll_into_view_if_needed()
    before = figure_src(page, gating)
    shot(page, "06_voila_before_drag")
    drag_slider(page, gating, "forget bias", 150)
    wait_figure_changed(page, gating, before)
    shot(page, "07_voila_after_drag")
    assert [e for e in page.console_errors if "widget" in e.lower()] == []
