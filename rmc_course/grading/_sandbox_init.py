"""PID 1 of one learner kernel's sandbox. Standard library only: run as a script, never imported.

Started by ``rmc_course.grading.sandbox`` as root, already inside fresh mount, PID and network
namespaces (``unshare --mount --pid --net --fork --kill-child --mount-proc``):

    python _sandbox_init.py SPEC.json -- KERNEL_CMD...

SPEC.json (written by the grader, readable by root only) says what to hide, what to keep
reachable, the learner uid/gid, the rlimits, the wall-clock limit and where to write the exit
status. This process then

1. masks directories with empty tmpfs mounts (``/root``, ``/tmp``, the course's grader folders,
   the submissions, the gradebook file, ...) and bind-mounts back only what the kernel needs
   (the Python installation, the course package, the scratch copy of this one submission);
2. forks the kernel: new session, rlimits (address space, CPU seconds, processes, file size),
   supplementary groups dropped, uid/gid switched to the unprivileged learner uid, cwd and HOME
   set to the scratch folder, then exec;
3. stays as PID 1: reaps orphans, forwards SIGINT (kernel interrupts) to the kernel, kills every
   process of the namespace when the kernel exits, the wall-clock limit passes or the scratch
   folder grows past the disk limit (its size is measured every 0.1 s), and records how the
   kernel ended (exit code, signal, "wall-clock", "disk limit") in the status file.

When PID 1 exits the Linux kernel kills whatever is left in the PID namespace, so nothing the
learner started (fork bombs included) outlives the sandbox.
"""

import ctypes
import json
import os
import resource
import signal
import sys
import time

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18

_libc = ctypes.CDLL(None, use_errno=True)


def _mount(source, target, fstype, flags, data=None):
    args = [None if x is None else os.fsencode(x) for x in (source, target, fstype, data)]
    if _libc.mount(args[0], args[1], args[2], ctypes.c_ulong(flags), args[3]) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount({source!r}, {target!r}, {fstype!r}): {os.strerror(err)}")


def _is_within(path, folder):
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _set_up_mounts(spec):
    # Nothing we mount here may propagate back to the host.
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    keep = [p for p in spec["keep"] if os.path.exists(p)]
    # Hold every kept path open (O_PATH) before masking, so it can be bound back afterwards
    # through /proc/self/fd even when a mask now covers its old location.
    kept_fds = {p: os.open(p, os.O_PATH) for p in keep}
    # 1. system masks (e.g. /root, /tmp) and the grader's own folders
    for mask in spec["mask"]:
        if not os.path.isdir(mask):
            continue
        mode = "1777" if mask in spec.get("writable_masks", []) else "0755"
        _mount("tmpfs", mask, "tmpfs", MS_NOSUID | MS_NODEV, f"mode={mode},size={spec['tmpfs_size']}")
    # 2. bring back what the kernel needs, at the same path
    for path in sorted(keep, key=len):
        if not any(_is_within(path, m) and path != m for m in spec["mask"]):
            continue
        if os.path.isdir(f"/proc/self/fd/{kept_fds[path]}"):
            os.makedirs(path, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "a").close()
        _mount(f"/proc/self/fd/{kept_fds[path]}", path, None, MS_BIND | MS_REC)
    for fd in kept_fds.values():
        os.close(fd)
    # 3. grader files that live inside kept paths (e.g. <repo>/solutions) are masked again
    for mask in spec["mask_late"]:
        if os.path.isdir(mask):
            _mount("tmpfs", mask, "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY, "mode=0755,size=4k")
        elif os.path.isfile(mask):
            _mount("/dev/null", mask, None, MS_BIND)


MAX_SCRATCH_ENTRIES = 10000


def _disk_usage(folder):
    """Bytes on disk under ``folder`` and the number of entries (stops counting past the cap)."""
    total, entries, stack = 0, 0, [folder]
    while stack and entries <= MAX_SCRATCH_ENTRIES:
        try:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    entries += 1
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    total += max(st.st_blocks * 512, 0)
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
        except OSError:
            continue
    return total, entries


def _child(spec, argv, log_fd):
    os.setsid()
    # the kernel's own stdout/stderr (not the notebook's outputs) go to a grader-only log
    os.dup2(log_fd, 1)
    os.dup2(log_fd, 2)
    os.close(log_fd)
    limits = {
        "address_space": resource.RLIMIT_AS,
        "cpu_seconds": resource.RLIMIT_CPU,
        "processes": resource.RLIMIT_NPROC,
        "file_size": resource.RLIMIT_FSIZE,
        "open_files": resource.RLIMIT_NOFILE,
    }
    for name, value in spec["rlimits"].items():
        # CPU: SIGXCPU at the limit (a clear cause), SIGKILL 5 s later if it is ignored
        hard = value + 5 if name == "cpu_seconds" else value
        resource.setrlimit(limits[name], (value, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    uid, gid = spec["uid"], spec["gid"]
    if uid is not None:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    os.chdir(spec["cwd"])
    os.umask(0o077)
    os.execve(argv[0], argv, spec["env"])


def main():
    spec_path = sys.argv[1]
    if sys.argv[2] != "--":
        raise SystemExit("usage: _sandbox_init.py SPEC.json -- KERNEL_CMD...")
    argv = sys.argv[3:]
    with open(spec_path) as f:
        spec = json.load(f)
    status_fd = os.open(spec["status_file"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    log_fd = os.open(spec["log_file"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    if spec["namespaces"]:
        _set_up_mounts(spec)
    for path, owner in spec.get("chown", {}).items():
        os.chown(path, owner, owner)

    pid = os.fork()
    if pid == 0:
        try:
            _child(spec, argv, log_fd)
        except BaseException as exc:  # noqa: BLE001 - report anything, then die
            os.write(2, f"sandbox: could not start the kernel: {exc!r}\n".encode())
        os._exit(127)

    os.close(log_fd)
    ended = {"how": None}

    def _forward(signum, _frame):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    def _stop(signum, _frame):
        ended["how"] = f"stopped by the grader (signal {signum})"
        _kill_all()

    def _kill_all():
        try:
            if spec["namespaces"]:
                os.kill(-1, signal.SIGKILL)  # as PID 1: every other process of the namespace
            else:
                os.killpg(pid, signal.SIGKILL)  # no PID namespace: the kernel's session only
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGINT, _forward)
    signal.signal(signal.SIGTERM, _stop)
    deadline = time.monotonic() + spec["wall_seconds"]
    max_procs = spec["rlimits"].get("processes")
    next_count = 0.0
    disk_bytes, disk_dir = spec.get("disk_bytes"), spec.get("disk_dir")
    next_disk = 0.0
    status = None
    while status is None:
        try:
            done, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if done == pid:
            status = st
            break
        if done == 0:
            now = time.monotonic()
            if now > deadline and ended["how"] is None:
                ended["how"] = f"wall-clock limit ({spec['wall_seconds']} s)"
                _kill_all()
            if spec["namespaces"] and max_procs and now > next_count and ended["how"] is None:
                # A fork bomb hits RLIMIT_NPROC and then spins: end it at once, with a reason.
                next_count = now + 0.2
                procs = sum(1 for name in os.listdir("/proc") if name.isdigit()) - 1
                if procs >= 0.8 * max_procs:
                    ended["how"] = f"process limit ({procs} processes; fork bomb?)"
                    _kill_all()
            if disk_bytes and disk_dir and now > next_disk and ended["how"] is None:
                # No disk quota for one folder exists everywhere: measure, and stop the kernel.
                next_disk = now + 0.1
                used, entries = _disk_usage(disk_dir)
                if used > disk_bytes or entries > MAX_SCRATCH_ENTRIES:
                    ended["how"] = (
                        f"disk limit (scratch folder at {used / 2**20:.0f} MB in "
                        f"{entries} files; limit {disk_bytes / 2**20:.0f} MB, "
                        f"{MAX_SCRATCH_ENTRIES} files)"
                    )
                    _kill_all()
            time.sleep(0.05)
    if status is not None and ended["how"] is None:
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            ended["how"] = f"killed by signal {signal.Signals(sig).name}"
        else:
            ended["how"] = f"exited with status {os.WEXITSTATUS(status)}"
    os.write(status_fd, json.dumps({"kernel_end": ended["how"]}).encode())
    os.close(status_fd)
    _kill_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
