"""Containment for learner kernels: limits, a scratch copy, a fresh namespace, an unprivileged uid.

nbgrader runs learner code with the grader's privileges and no limits. Here every learner kernel
is started by :class:`ContainedKernelManager` (a jupyter_client ``AsyncKernelManager``) through
``_sandbox_init.py``, which applies the :class:`Limits` below. What is contained depends on what
the machine allows; :func:`detect` reports it and the grader prints it:

``full`` (grader runs as root, ``unshare`` works; the course's machines and CI):
    new PID, mount and network namespaces (no network at all, only a loopback that is down);
    empty tmpfs over ``/root``, ``/home``, ``/tmp``, ``/var/tmp``, ``/dev/shm``, the course's
    grader folders (source, submitted, autograded, feedback), the gradebook file, the submissions
    folder and the grader's output folder; only the Python installation, the course package and
    the scratch copy of this one submission are bound back. The kernel runs as an unprivileged
    uid of its own (one per worker slot), so RLIMIT_NPROC caps fork bombs and the file
    permissions keep other workers' scratch folders out of reach.
``rlimits`` (not root): the same rlimits, a scratch working folder and the wall-clock limit,
    but the kernel keeps the grader's uid, file system view and network.

Limits in both modes: address space (RLIMIT_AS), CPU seconds (RLIMIT_CPU), processes/threads
(RLIMIT_NPROC), size of any one written file (RLIMIT_FSIZE), open files, no core dumps, and a
wall-clock limit and a disk limit (the scratch folder's total size and number of files, measured
every 0.1 s) enforced by the sandbox's PID 1 (it kills everything the kernel started).
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

INIT_SCRIPT = Path(__file__).with_name("_sandbox_init.py")

# System folders the learner never sees in "full" mode (they become empty tmpfs mounts).
SYSTEM_MASKS = ("/root", "/home", "/tmp", "/var/tmp", "/dev/shm", "/mnt", "/media", "/srv", "/opt")
# Masks the learner may write into (a small private tmpfs each).
WRITABLE_MASKS = ("/tmp", "/var/tmp", "/dev/shm")

# First uid used for learner kernels (one uid per worker slot on a machine). High, so it never
# belongs to a real account; no /etc/passwd entry is needed.
LEARNER_UID_BASE = 61000
SLOT_DIR = Path(tempfile.gettempdir()) / "rmc-grade-slots"
MAX_SLOTS = 256


@dataclasses.dataclass(frozen=True)
class Limits:
    """Per-kernel limits (one kernel grades one submission notebook)."""

    memory_mb: int = 3072  # address space (RLIMIT_AS); torch alone maps ~0.7 GB
    cpu_seconds: int = 120  # CPU time of the kernel process (RLIMIT_CPU) -> SIGXCPU
    wall_seconds: int = 300  # whole notebook, enforced by the sandbox's PID 1
    cell_timeout: int = 60  # one cell; nbgrader interrupts the kernel after it
    processes: int = 128  # RLIMIT_NPROC for the learner uid (threads count too)
    file_mb: int = 64  # largest file the kernel may write (RLIMIT_FSIZE)
    disk_mb: int = 256  # total size of the scratch folder, checked every 0.1 s
    tmpfs_mb: int = 64  # size of the private /tmp, /var/tmp, /dev/shm
    open_files: int = 256

    def rlimits(self, with_nproc: bool) -> dict:
        out = {
            "address_space": self.memory_mb * 2**20,
            "cpu_seconds": self.cpu_seconds,
            "file_size": self.file_mb * 2**20,
            "open_files": self.open_files,
        }
        if with_nproc:
            out["processes"] = self.processes
        return out


def detect() -> str:
    """Which containment this machine allows: ``"full"`` or ``"rlimits"``."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return "rlimits"
    probe = subprocess.run(
        ["unshare", "--mount", "--pid", "--net", "--fork", "--mount-proc", "true"],
        capture_output=True,
    )
    return "full" if probe.returncode == 0 else "rlimits"


class Slot:
    """A machine-wide worker slot (file lock), giving each concurrent kernel its own uid."""

    def __init__(self):
        SLOT_DIR.mkdir(mode=0o700, exist_ok=True)
        for index in range(MAX_SLOTS):
            fd = os.open(SLOT_DIR / f"{index}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self.index, self._fd = index, fd
            self.uid = LEARNER_UID_BASE + index
            return
        raise RuntimeError(f"all {MAX_SLOTS} learner slots in {SLOT_DIR} are taken")


_SLOT: Slot | None = None


def slot() -> Slot:
    """This process's slot, taken on first use and held until the process exits."""
    global _SLOT
    if _SLOT is None:
        _SLOT = Slot()
    return _SLOT


def _needed_paths() -> list[str]:
    """What a learner kernel must be able to read: the Python installation and the course."""
    import rmc_ref

    paths = {
        os.path.realpath(sys.base_prefix),
        os.path.realpath(sys.prefix),
        os.path.realpath(Path(rmc_ref.__file__).parent.parent),
        os.path.realpath(os.path.dirname(os.path.realpath(sys.executable))),
    }
    for entry in sys.path:
        if entry and os.path.isdir(entry):
            paths.add(os.path.realpath(entry))
    # keep only the outermost of nested paths
    out = []
    for p in sorted(paths, key=len):
        if not any(p == q or p.startswith(q.rstrip("/") + "/") for q in out):
            out.append(p)
    return out


def _may_enter(path: str, uid: int | None) -> bool:
    """Whether the learner's uid (its own gid, no other groups) may enter the folder ``path``."""
    try:
        st = os.stat(path)
    except OSError:
        return True  # nothing to bind back there anyway
    if st.st_uid == uid:
        return bool(st.st_mode & 0o100)
    if st.st_gid == uid:
        return bool(st.st_mode & 0o010)
    return bool(st.st_mode & 0o001)


def reachable_for_learner(keep: list[str], uid: int | None) -> tuple[list[str], list[str]]:
    """(paths to bind back, extra masks) so that the learner's uid can reach every kept path.

    A course cloned into a folder only root may enter (``mktemp -d`` makes one: mode 0700) would
    otherwise stop the learner's kernel before it starts. Such a folder becomes a mask of its own
    (an empty tmpfs that anyone may enter), and what the kernel needs is bound back inside it: a
    kept folder that others may not enter is replaced by its entries, so the kernel sees the same
    files as before; an ancestor that others may not enter is masked and the kept path bound back.
    Nothing on the host changes mode."""
    out, masks = [], []
    for path in keep:
        for ancestor in reversed(Path(path).parents):
            if not _may_enter(str(ancestor), uid):
                masks.append(str(ancestor))
                break
        if os.path.isdir(path) and not _may_enter(path, uid):
            masks.append(path)
            out += [os.path.join(path, entry) for entry in sorted(os.listdir(path))]
        else:
            out.append(path)
    return out, sorted(set(masks), key=len)


@dataclasses.dataclass
class Job:
    """Where one submission's kernel runs and what it must not see (set by the worker)."""

    scratch: Path  # copy of this one submission; the kernel's cwd and HOME
    private: Path  # grader-only folder (root, 0700): spec and status files
    hide: list  # grader paths to mask (course folders, gradebook, ...)
    limits: Limits
    mode: str  # "full" or "rlimits"
    notebook: str = "notebook"  # the notebook being executed (one kernel per notebook)
    kernel_end: str | None = None  # filled from the status file after the kernel is gone
    # the scoring run executes the learner's definitions only (False: every line, to test the sandbox)
    definitions_only: bool = True
    # what the scoring run skipped that reaches for the kernel, the checks...: (notebook, cell, line, mechanism)
    skipped: list = dataclasses.field(default_factory=list)

    @property
    def status_file(self) -> Path:
        return self.private / f"kernel-status-{self.notebook}.json"

    def read_status(self) -> str | None:
        try:
            self.kernel_end = json.loads(self.status_file.read_text())["kernel_end"]
        except (OSError, ValueError, KeyError):
            self.kernel_end = None
        return self.kernel_end


CURRENT_JOB: Job | None = None  # the worker sets this before it runs nbgrader's autograde


def prepare_scratch(scratch: Path, mode: str) -> int | None:
    """Create the scratch folder tree; return the learner uid (None when not switching uid)."""
    uid = slot().uid if mode == "full" else None
    kernel_dir = scratch / ".k"
    for d in (scratch, kernel_dir, scratch / ".tmp"):
        d.mkdir(parents=True, exist_ok=True)
    if uid is not None:
        # The parent stays root-owned and 0711: the learner can enter its own folder only.
        os.chmod(scratch.parent, 0o711)
        for root, dirs, files in os.walk(scratch):
            for name in dirs + files:
                os.lchown(os.path.join(root, name), uid, uid)
        os.chown(scratch, uid, uid)
        os.chmod(scratch, 0o700)
    return uid


class ContainedKernelManager(AsyncKernelManager):
    """Starts the kernel through ``_sandbox_init.py`` inside the current :data:`CURRENT_JOB`.

    The kernel talks to the grader over Unix sockets in the scratch folder (``transport="ipc"``),
    which works across network namespaces, so the kernel needs no network at all.
    """

    def __init__(self, **kwargs):
        job = CURRENT_JOB
        if job is None:
            raise RuntimeError("ContainedKernelManager used outside a grading job")
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("connection_file", str(job.scratch / ".k" / "kernel.json"))
        super().__init__(**kwargs)
        self.job = job

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        job = self.job
        uid = slot().uid if job.mode == "full" else None
        scratch = str(job.scratch)
        env = {
            "PATH": os.path.dirname(sys.executable) + ":/usr/local/bin:/usr/bin:/bin",
            "HOME": scratch,
            "TMPDIR": str(job.scratch / ".tmp"),
            "LANG": "C.UTF-8",
            "IPYTHONDIR": str(job.scratch / ".ipython"),
            "MPLCONFIGDIR": str(job.scratch / ".mpl"),
            "JUPYTER_CONFIG_DIR": str(job.scratch / ".jupyter"),
            "JUPYTER_DATA_DIR": str(job.scratch / ".jupyter"),
            "JUPYTER_RUNTIME_DIR": str(job.scratch / ".k"),
            "MPLBACKEND": "Agg",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "NBGRADER_EXECUTION": "autograde",
        }
        full = job.mode == "full"
        masks = [m for m in SYSTEM_MASKS if os.path.isdir(m)] if full else []
        keep, unreachable = reachable_for_learner(_needed_paths() + [str(scratch)], uid) if full else ([], [])
        masks += [m for m in unreachable if m not in masks]
        spec = {
            "namespaces": full,
            "uid": uid,
            "gid": uid,
            "cwd": scratch,
            "env": env,
            "rlimits": job.limits.rlimits(with_nproc=uid is not None or os.geteuid() != 0),
            "wall_seconds": job.limits.wall_seconds,
            "disk_bytes": job.limits.disk_mb * 2**20,
            "disk_dir": scratch,
            "tmpfs_size": f"{job.limits.tmpfs_mb}m",
            "mask": masks,
            "writable_masks": [m for m in WRITABLE_MASKS if m in masks],
            "keep": keep,
            "mask_late": [str(p) for p in job.hide] if full else [],
            "status_file": str(job.status_file),
            "log_file": str(job.private / "kernel.log"),
            "chown": {self.connection_file: uid} if uid is not None else {},
        }
        spec_path = job.private / "sandbox.json"
        spec_path.write_text(json.dumps(spec))
        os.chmod(spec_path, 0o600)
        init = [sys.executable, "-I", "-S", str(INIT_SCRIPT), str(spec_path), "--", *cmd]
        if full:
            return ["unshare", "--mount", "--pid", "--net", "--fork", "--kill-child", "--mount-proc", *init]
        return init
