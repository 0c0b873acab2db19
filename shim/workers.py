"""--workers N: N processes of this server on one HTTP port. Each binds it with SO_REUSEPORT, so the kernel spreads
new connections across them; none keeps session state (they serve without sessions), so any of them answers any
request, and each hears the database's NOTIFY itself. This process only supervises: it forwards SIGTERM/SIGINT,
restarts a worker that dies, and gives up (with that worker's exit code) when one is refused at start. A worker
ends with its supervisor, even one killed with SIGKILL, which forwards nothing (follow_supervisor)."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time

from shim.config import ROOT, WORKER_ENV
from shim.observability import log

RESTART_DELAY_S = 1.0
STARTUP_REFUSALS = (2, 3, 4, 5)  # shim/cli.py's exit codes: a restart would be refused again
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def supervise(argv: list[str], workers: int) -> int:
    command = [sys.executable, str(ROOT / "server.py"), *argv, "--workers", "1"]
    env = {**os.environ, WORKER_ENV: str(os.getpid())}
    processes = [subprocess.Popen(command, env=env) for _ in range(workers)]
    stopping = False

    def forward(signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        for process in processes:
            if process.poll() is None:
                process.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    log("info", "serving with worker processes", workers=workers, pids=[p.pid for p in processes])
    while True:
        codes = [p.poll() for p in processes]
        if stopping and all(code is not None for code in codes):
            return 0
        for i, code in enumerate(codes):
            if code is None or stopping:
                continue
            if code in STARTUP_REFUSALS:
                forward(signal.SIGTERM, None)
                for process in processes:
                    process.wait()
                return code
            log("error", "worker process ended; restarting it", pid=processes[i].pid, exit_code=code)
            time.sleep(RESTART_DELAY_S)
            processes[i] = subprocess.Popen(command, env=env)
        time.sleep(0.2)


def follow_supervisor() -> None:
    """In a worker: have the kernel send SIGTERM when the supervisor dies (Linux's parent-death signal; elsewhere a
    worker outlives a supervisor killed with SIGKILL, as it did everywhere: the port stayed served, by orphans)."""
    try:
        armed = ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM) == 0
    except (OSError, AttributeError):
        return
    if armed and str(os.getppid()) != os.environ.get(WORKER_ENV):
        os.kill(os.getpid(), signal.SIGTERM)  # the supervisor died before the signal was armed
