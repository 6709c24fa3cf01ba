"""Gunicorn for Styr in production: `gunicorn -c deploy/gunicorn.conf.py` (serves styr.wsgi).

Every value comes from the environment, read as strictly as styr/settings.py reads its own (see the
README's configuration table):
  STYR_BIND              address:port to listen on (default 127.0.0.1:8000; several with commas)
  STYR_WORKERS           worker processes (default 2 × cores + 1)
  STYR_THREADS           threads per worker (default 2; a thread waits on the database while another works)
  STYR_WORKER_TIMEOUT    seconds before a stuck worker is restarted (default 60; the largest PDF takes ~5 s)
  STYR_MAX_REQUESTS      requests after which a worker is replaced, bounding its memory (default 2000, ±10 %)
  STYR_ACCESS_LOG        1: one line per request on stderr (default 0)
  STYR_FORWARDED_ALLOW_IPS  proxies whose X-Forwarded-* headers are believed (default 127.0.0.1)
The application is loaded once in the master and forked (copy-on-write memory, fast restarts);
database connections are opened by each worker after the fork and kept STYR_DB_CONN_MAX_AGE seconds.
"""

import os

from styr.settings import env_bool, env_int, env_list

wsgi_app = "styr.wsgi:application"
bind = env_list("STYR_BIND", "127.0.0.1:8000")
workers = env_int("STYR_WORKERS", 2 * (os.cpu_count() or 1) + 1)
threads = env_int("STYR_THREADS", 2)
worker_class = "gthread" if threads > 1 else "sync"
timeout = env_int("STYR_WORKER_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
max_requests = env_int("STYR_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
preload_app = True
forwarded_allow_ips = ",".join(env_list("STYR_FORWARDED_ALLOW_IPS", "127.0.0.1"))
accesslog = "-" if env_bool("STYR_ACCESS_LOG", False) else None
errorlog = "-"
proc_name = "styr"
# No control socket (gunicorn 24+): its default path is one per user, shared by every server on the machine.
control_socket_disable = True


def post_fork(server, worker):
    """A connection opened while loading the app in the master must not be shared by the workers."""
    from django.db import connections

    connections.close_all()
