"""`make orchestrate`: `dagster dev` on the project's code location, stopped whole within seconds on
SIGTERM (what `kill` and systemd send) or Ctrl-C, with Dagster's telemetry off.

Why a launcher and not `dagster dev` itself: dagster dev maps SIGTERM onto whatever handles SIGINT,
and a process started in the background by a non-interactive shell (`make orchestrate &`, nohup, a
service script) inherits SIGINT ignored, so SIGTERM was ignored too and every process lived on. Here
dagster dev runs in a session of its own with SIGINT restored; a stop signal is passed to that whole
session as SIGINT (each Dagster process shuts down as on Ctrl-C), and whatever is still alive after
`grace` seconds (the code server otherwise lingers until its 45 s heartbeat runs out) is killed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from opening_up.settings import child_environment

# Dagster's own opt-out (its telemetry notice names this file): the project runs offline by design.
TELEMETRY_OFF = (
    "# Written by `make orchestrate`: the project runs offline (no usage statistics).\n"
    "telemetry:\n  enabled: false\n"
)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def turn_telemetry_off(home: Path) -> bool:
    """Write $DAGSTER_HOME/dagster.yaml with telemetry disabled unless the user has one; True if written."""
    home.mkdir(parents=True, exist_ok=True)
    if (home / "dagster.yaml").exists() or (home / "dagster.yml").exists():
        return False
    (home / "dagster.yaml").write_text(TELEMETRY_OFF, encoding="utf-8")
    return True


def _restore_sigint() -> None:
    # Runs in the child before exec: Python then installs its KeyboardInterrupt handler, which
    # dagster dev also uses for SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _alive(session: int) -> bool:
    try:
        os.killpg(session, 0)
    except ProcessLookupError:
        return False
    return True


def _stop(process: subprocess.Popen, grace: float) -> None:
    """SIGINT to every process of dagster dev's session; once dagster dev has exited (or after `grace`
    seconds) two more seconds for the rest, then SIGKILL to whatever is left."""
    session = process.pid
    if not _alive(session):
        return
    os.killpg(session, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    deadline = time.monotonic() + 2
    while _alive(session) and time.monotonic() < deadline:
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(session, signal.SIGKILL)


def serve(port: int, home: Path, module: str = "opening_up.orchestration", grace: float = 20.0) -> int:
    """Run `dagster dev -m module --port port` with DAGSTER_HOME=home until it exits or a stop signal
    arrives; returns dagster's exit code, or 0 after a requested stop."""
    dagster = str(Path(sys.executable).with_name("dagster"))
    process = subprocess.Popen([dagster, "dev", "-m", module, "--port", str(port)],
                               env=child_environment(DAGSTER_HOME=str(home)), start_new_session=True,
                               preexec_fn=_restore_sigint)
    requested: list[int] = []

    def on_signal(number: int, frame: object) -> None:
        requested.append(number)

    previous = {number: signal.signal(number, on_signal) for number in STOP_SIGNALS}
    try:
        while process.poll() is None and not requested:
            time.sleep(0.2)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        _stop(process, grace)
        process.wait()
    if requested:
        print(f"make orchestrate: stopped on {signal.Signals(requested[0]).name}", flush=True)
        return 0
    return process.returncode

