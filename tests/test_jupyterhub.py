"""The shipped deploy/jupyterhub_config.py, run for real on 127.0.0.1 with nbgrader's exchange.

One module fixture starts JupyterHub with the shipped config file (only its documented RMC_HUB_*
environment variables are set: loopback, free ports, the test users, a throw-away exchange) and
configurable-http-proxy from deploy/proxy (npm ci). The users are real system accounts (created
with a unique prefix, deleted afterwards with ``userdel -r``): the shipped LocalProcessSpawner
runs each server as its user, and the shipped PAMAuthenticator logs them in with real passwords.
That is why the test needs root (as CI has); it drives everything through HTTP:

    PAM login -> API token -> spawn the three servers -> the instructor's formgrader service
    generates and releases ex01 into the exchange -> each learner's server fetches it (nbgrader's
    Assignments API), alice saves a solved notebook through the contents API, both submit ->
    the formgrader collects and autogrades -> scores from the formgrader's API;

then checks who can reach what: the formgrader answers the instructor and refuses a learner;
a learner's own server has no formgrader; as bob (his uid), alice's submission in the exchange,
the instructor's course folder and alice's home cannot be read. Teardown stops the hub (which
stops the proxy, the servers and the service), then checks with ps that no process of the test
users is left.

When this machine's Python lives where other users cannot reach it (e.g. /root/.pyenv, mode
0700), the hub runs in a private mount namespace in which that folder alone is made reachable
(the same trick the grading sandbox uses); on a server with Python in /usr or /opt nothing
changes.
"""

from __future__ import annotations

import json
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
from pathlib import Path

import nbformat
import pytest
import requests
from support import grading_fixtures as gf

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "deploy" / "jupyterhub_config.py"
PROXY_BIN = REPO / "deploy" / "proxy" / "node_modules" / ".bin"
COURSE_ID = "rmc-course"
ASSIGNMENT = "ex01_attention"
TIMEOUT = 60  # seconds for any one step (a server start on a loaded machine)
# ~75 s on a 2-core machine at load 5, ~150 s at load 10 (hub, 3 servers, 2 autogrades)
pytestmark = [pytest.mark.timeout(600), pytest.mark.slow]  # slow: a real JupyterHub


def _need(ok: bool, why: str):
    """Missing prerequisites fail under CI (which must run this test) and skip elsewhere."""
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)


def _free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def _traversable(path: str) -> bool:
    """Can a user other than root reach ``path`` (execute bit for others on every ancestor)?"""
    p = Path(path)
    return all(os.stat(a).st_mode & 0o001 for a in [p, *p.parents])


def _blocking_ancestor(path: str) -> str | None:
    for a in reversed([Path(path), *Path(path).parents]):
        if not os.stat(a).st_mode & 0o001:
            return str(a)
    return None


def _launcher(state: Path, cmd: list[str]) -> list[str]:
    """The hub's command, wrapped so other users can run this environment's Python.

    Every folder the servers need (the Python installation, the venv, the repository) whose
    ancestors other users cannot enter gets its closed ancestor covered by a 0755 tmpfs, inside a
    private mount namespace, and the needed folder bound back at its own path.
    """
    needed = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), str(REPO)}
    blocked = {}
    for path in sorted(needed):
        anc = _blocking_ancestor(path)
        if anc:
            blocked.setdefault(anc, []).append(path)
    if not blocked:
        return cmd
    for anc, paths in blocked.items():
        if anc in paths:
            # the needed folder itself is closed (a clone made by `mktemp -d`, mode 0700): bound back
            # whole it would be closed again, so its entries are bound back one by one instead
            paths.remove(anc)
            paths += [os.path.join(anc, e) for e in sorted(os.listdir(anc)) if os.path.join(anc, e) not in paths]
    lines = ["set -e"]
    for i, (anc, paths) in enumerate(sorted(blocked.items())):
        paths = [p for p in paths if not os.path.islink(p)]
        for j, path in enumerate(paths):
            hold = state / f"hold{i}_{j}"
            hold.mkdir() if os.path.isdir(path) else hold.touch()
            lines.append(f"mount --bind '{path}' '{hold}'")
        lines.append(f"mount -t tmpfs -o mode=0755,size=1m tmpfs '{anc}'")
        for j, path in enumerate(paths):
            make = (
                f"mkdir -p '{path}'" if os.path.isdir(path) else f"mkdir -p '{os.path.dirname(path)}' && touch '{path}'"
            )
            lines.append(f"{make} && mount --bind '{state}/hold{i}_{j}' '{path}'")
    lines.append("exec " + " ".join(f"'{c}'" for c in cmd))
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", "\n".join(lines)]


def _run_as(user: str, code: str) -> subprocess.CompletedProcess:
    """Run Python code as ``user`` (his uid, gid, no extra groups), like his own server would."""
    pw = __import__("pwd").getpwnam(user)
    return subprocess.run(
        ["/usr/bin/python3", "-c", code],
        user=pw.pw_uid,
        group=pw.pw_gid,
        extra_groups=[],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PATH": "/usr/bin:/bin", "HOME": pw.pw_dir},
        cwd="/",
    )


def _user_processes(users) -> str:
    out = subprocess.run(
        ["ps", "-ww", "-o", "user:40=,pid=,args=", "-u", ",".join(users)], capture_output=True, text=True
    )
    return out.stdout.strip()


class Hub:
    def __init__(self, url, users, passwords, course_dir, exchange, log):
        self.url, self.users, self.passwords = url, users, passwords
        self.course_dir, self.exchange, self.log = course_dir, exchange, log
        self.tokens = {}

    def api(self, method, path, user, **kw):
        kw.setdefault("timeout", TIMEOUT)
        headers = {"Authorization": f"token {self.tokens[user]}"}
        return requests.request(method, self.url + path, headers=headers, allow_redirects=False, **kw)

    def login(self, user):
        """A real PAM login through the hub's login form, then an API token for that user."""
        s = requests.Session()
        s.get(self.url + "/hub/login", timeout=TIMEOUT)
        xsrf = s.cookies.get("_xsrf")
        r = s.post(
            self.url + "/hub/login",
            timeout=TIMEOUT,
            allow_redirects=False,
            data={"username": user, "password": self.passwords[user], "_xsrf": xsrf},
        )
        assert r.status_code == 302, (r.status_code, r.text[-500:])
        xsrf = [c.value for c in s.cookies if c.name == "_xsrf"][-1]  # renewed at login
        r = s.post(
            self.url + f"/hub/api/users/{user}/tokens",
            json={"expires_in": 900},
            headers={"X-XSRFToken": xsrf},
            timeout=TIMEOUT,
        )
        assert r.status_code == 201, (r.status_code, r.text[-500:])
        self.tokens[user] = r.json()["token"]


@pytest.fixture(scope="module")
def hub():
    _need(
        sys.platform.startswith("linux") and os.geteuid() == 0,
        "needs root: it creates system users for the hub's PAM login and LocalProcessSpawner",
    )
    _need(
        (PROXY_BIN / "configurable-http-proxy").exists(),
        "configurable-http-proxy missing: run `npm ci --prefix deploy/proxy` (make test does)",
    )
    _need(shutil.which("useradd") is not None, "useradd missing")
    tag = secrets.token_hex(2)
    instructor, alice, bob = f"rmch{tag}i", f"rmch{tag}a", f"rmch{tag}b"
    users = [instructor, alice, bob]
    passwords = {u: secrets.token_urlsafe(12) for u in users}
    state = Path(tempfile.mkdtemp(prefix="rmc-hub-"))  # root-only: db, cookie secret, log
    shared = Path(tempfile.mkdtemp(prefix="rmc-hub-x-"))  # holds the exchange: must be reachable
    os.chmod(shared, 0o755)
    exchange = shared / "exchange"  # the config must create it (1777)
    proc, log = None, state / "hub.log"
    created = []
    try:
        for u in users:
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", u], check=True)
            created.append(u)
        subprocess.run(["chpasswd"], input="".join(f"{u}:{p}\n" for u, p in passwords.items()), text=True, check=True)
        for u in users:  # the instructor's course and every learner's work are private
            os.chmod(Path("~" + u).expanduser(), 0o700)
        # the instructor's course folder: the course's nbgrader config and ex01's source
        home = Path("~" + instructor).expanduser()
        course = home / COURSE_ID
        course.mkdir()
        shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
        shutil.copytree(REPO / "solutions" / ASSIGNMENT, course / "solutions" / ASSIGNMENT)
        subprocess.run(["chown", "-R", f"{instructor}:{instructor}", str(course)], check=True)

        port, hub_port, api_port, fg_port = _free_ports(4)
        env = dict(os.environ)
        for k in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
            env.pop(k, None)
        env.update(
            {
                "PATH": f"{Path(sys.executable).parent}:{PROXY_BIN}:{env.get('PATH', '/usr/bin:/bin')}",
                "RMC_HUB_IP": "127.0.0.1",
                "RMC_HUB_PORT": str(port),
                "RMC_HUB_HUB_PORT": str(hub_port),
                "RMC_HUB_PROXY_API_PORT": str(api_port),
                "RMC_HUB_FORMGRADER_PORT": str(fg_port),
                "RMC_HUB_INSTRUCTORS": instructor,
                "RMC_HUB_STUDENTS": f"{alice},{bob}",
                "RMC_NBGRADER_EXCHANGE": str(exchange),
            }
        )
        cmd = _launcher(state, [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIG), "--no-ssl"])
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=state, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + TIMEOUT
        while True:
            assert proc.poll() is None, "the hub exited:\n" + log.read_text()[-3000:]
            try:
                if requests.get(url + "/hub/api/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the hub did not answer:\n" + log.read_text()[-3000:]
            time.sleep(0.5)
        h = Hub(url, {"instructor": instructor, "alice": alice, "bob": bob}, passwords, course, exchange, log)
        h.started = time.monotonic()
        yield h
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # the hub stops the proxy, servers and service
            try:
                proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        left = _user_processes(created) if created else ""
        for u in created:
            subprocess.run(["pkill", "-KILL", "-u", u], capture_output=True)
        for u in created:
            subprocess.run(["userdel", "--remove", u], capture_output=True)
        shutil.rmtree(shared, ignore_errors=True)
        if os.environ.get("RMC_KEEP_HUB_LOG"):
            print(log.read_text() if log.exists() else "(no log)")
        shutil.rmtree(state, ignore_errors=True)
        assert not left, "processes of the test users outlived the hub:\n" + left


def _wait_ready(hub, user):
    deadline = time.monotonic() + TIMEOUT * 2
    while time.monotonic() < deadline:
        r = hub.api("GET", f"/hub/api/users/{user}", user)
        server = r.json().get("servers", {}).get("")
        if server and server.get("ready"):
            return
        time.sleep(0.5)
    raise AssertionError(f"{user}'s server did not start:\n" + hub.log.read_text()[-3000:])


def test_release_fetch_submit_collect_autograde_and_who_reaches_what(hub):
    t0 = time.monotonic()
    teacher, A, B = hub.users["instructor"], hub.users["alice"], hub.users["bob"]
    for u in (teacher, A, B):
        hub.login(u)
    # a wrong password is refused by PAM
    r = requests.post(
        hub.url + "/hub/login", data={"username": A, "password": "wrong"}, timeout=TIMEOUT, allow_redirects=False
    )
    assert r.status_code != 302
    for u in (teacher, A, B):
        r = hub.api("POST", f"/hub/api/users/{u}/server", u)
        assert r.status_code in (201, 202), (u, r.status_code, r.text)
    for u in (teacher, A, B):
        _wait_ready(hub, u)
    # every server runs as its own user, never as root
    ps = _user_processes([teacher, A, B])
    for u in (teacher, A, B):
        assert any(line.split()[0] == u and "jupyterhub-singleuser" in line for line in ps.splitlines()), ps

    fg = f"/services/{COURSE_ID}/formgrader/api"
    # the formgrader: the instructor reaches it, a learner is refused by the hub
    r = hub.api("GET", fg + "/status", teacher)
    assert r.status_code == 200, (r.status_code, r.text[:300], hub.log.read_text()[-3000:])
    assert hub.api("GET", fg + "/status", B).status_code == 403
    assert hub.api("GET", f"/services/{COURSE_ID}/formgrader", A).status_code == 403
    # ... and a learner's own server has no formgrader at all
    assert hub.api("GET", f"/user/{B}/formgrader", B).status_code == 404
    # ... nor the formgrader and create-assignment tools in JupyterLab (the instructor has them)
    for u, off in ((B, True), (teacher, False)):
        page = hub.api("GET", f"/user/{u}/lab", u).text
        data = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
        disabled = data.get("disabledExtensions", [])
        for plugin in ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"):
            assert (plugin in disabled) == off, (u, disabled)
    # a learner cannot use another learner's server
    assert hub.api("GET", f"/user/{A}/api/contents", B).status_code in (403, 404)

    # instructor: generate and release ex01 into the exchange
    r = hub.api("POST", fg + f"/assignment/{ASSIGNMENT}/assign", teacher)
    assert r.status_code == 200 and r.json()["success"], r.text[-2000:]
    r = hub.api("POST", fg + f"/assignment/{ASSIGNMENT}/release", teacher)
    assert r.status_code == 200 and r.json()["success"], r.text[-2000:]
    assert oct(hub.exchange.stat().st_mode & 0o7777) == "0o1777"

    # learners: the Assignments API of their own servers
    form = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}
    for u in (A, B):
        r = hub.api("GET", f"/user/{u}/assignments", u, params={"course_id": COURSE_ID})
        assert r.status_code == 200 and r.json()["success"], r.text[-1000:]
        assert [a["assignment_id"] for a in r.json()["value"]] == [ASSIGNMENT], r.text
        r = hub.api("POST", f"/user/{u}/assignments/fetch", u, data=form)
        assert r.status_code == 200 and r.json()["success"], r.text[-1000:]
    nb_path = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    r = hub.api("GET", f"/user/{A}/api/contents/{nb_path}", A)
    assert r.status_code == 200, r.text[:500]
    source = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)
    solved = json.loads(gf.write(gf.solved(source)))
    r = hub.api(
        "PUT", f"/user/{A}/api/contents/{nb_path}", A, json={"type": "notebook", "format": "json", "content": solved}
    )
    assert r.status_code == 200, r.text[:500]
    for u in (A, B):  # bob submits the release untouched
        r = hub.api("POST", f"/user/{u}/assignments/submit", u, data=form)
        assert r.status_code == 200 and r.json()["success"], r.text[-1000:]

    # bob, as his own uid: he cannot list the exchange's inbound (so he cannot find alice's
    # submission, whose folder name ends in 72 random bits), nor read the instructor's course
    # folder or alice's home
    inbound = hub.exchange / COURSE_ID / "inbound"
    alice_sub = next(p for p in inbound.iterdir() if p.name.startswith(A + "+"))
    assert len(alice_sub.name.split("+")[-1]) == 12, alice_sub.name  # nbgrader's random part
    probe = _run_as(
        B,
        f"""
import os
paths = [{str(inbound)!r}, {str(hub.course_dir / "nbgrader_config.py")!r},
         {str(hub.course_dir)!r}, os.path.expanduser('~{A}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb')]
for p in paths:
    try:
        os.listdir(p) if not p.endswith(('.ipynb', '.py')) else open(p).read(1)
        print('READ', p)
    except PermissionError:
        print('DENIED', p)
""",
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.count("DENIED") == 4, probe.stdout
    # ... while the released assignment itself is readable to him (sanity of the probe)
    assert (
        "READ"
        in _run_as(
            B,
            f"open({str(hub.exchange / COURSE_ID / 'outbound' / ASSIGNMENT / (ASSIGNMENT + '.ipynb'))!r}).read(1); print('READ')",
        ).stdout
    )

    # instructor: collect, autograde each, read the scores
    r = hub.api("POST", fg + f"/assignment/{ASSIGNMENT}/collect", teacher)
    assert r.status_code == 200 and r.json()["success"], r.text[-2000:]
    for u in (A, B):
        r = hub.api("POST", fg + f"/submission/{ASSIGNMENT}/{u}/autograde", teacher, timeout=TIMEOUT * 3)
        assert r.status_code == 200 and r.json()["success"], r.text[-3000:]
    r = hub.api("GET", fg + f"/submissions/{ASSIGNMENT}", teacher)
    assert r.status_code == 200, r.text[:500]
    scores = {s["student"]: (s["score"], s["max_score"]) for s in r.json()}
    full = sum(gf.points(source))
    assert scores[A] == (full, full), scores
    assert scores[B] == (0, full), scores
    # a learner cannot reach the gradebook through the formgrader either
    assert hub.api("GET", fg + f"/submissions/{ASSIGNMENT}", A).status_code == 403
    print(f"hub cycle: {time.monotonic() - t0:.1f} s after the hub answered")
