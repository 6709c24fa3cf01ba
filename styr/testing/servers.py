"""Real app servers for tests and benchmarks: gunicorn with deploy/gunicorn.conf.py on a loopback port."""

import contextlib
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def wait_for(url: str, seconds: float = 90) -> None:
    """Until `url` answers 200 (a server starting), or SystemExit after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"{url} did not answer within {seconds} s") from None
            time.sleep(0.3)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen]:
    """A gunicorn master (and its workers) serving Styr at 127.0.0.1:`port` until the block ends."""
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen([str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
                                  env={**env, "STYR_BIND": f"127.0.0.1:{port}"}, cwd=ROOT, stderr=output)
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz")
            yield server
        finally:
            server.terminate()
            server.wait(timeout=60)
