"""
Gunicorn settings for `make run` and production (`gunicorn -c gunicorn.conf.py amane.wsgi`).

Memory (docs/weight.md): workers used to peak at 830 to 940 MB resident. What they hold is
mostly read-only geography, built once here in the master and shared with the workers
(preload, warm-up, gc.freeze); what made them grow further was glibc keeping freed memory in
one arena per thread (MALLOC_ARENA_MAX=2, malloc_trim after heavy requests) and decoding a
large photo at full size (amane.reports.photos decodes JPEGs at reduced scale).
Nothing here writes a request line: a tracking path can carry a receipt code.
"""

import ctypes
import ctypes.util
import os
from typing import Any

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("AMANE_WORKERS", "2"))
threads = int(os.environ.get("AMANE_THREADS", "4"))
timeout = 60
graceful_timeout = 10
loglevel = "warning"
accesslog = None
preload_app = True

_M_ARENA_MAX = -8
_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
_can_trim = hasattr(_libc, "malloc_trim") and hasattr(_libc, "mallopt")
if _can_trim:
    # Same as MALLOC_ARENA_MAX=2 in the environment, for a server started without it: each
    # thread would otherwise get its own arena, which keeps what its requests freed.
    _libc.mallopt(_M_ARENA_MAX, 2)

# Requests after which freed memory is handed back to the system: bodies with photos (decoded,
# then dropped), thumbnails made, boundary tiles cut. Trimming costs a millisecond or two.
_HEAVY_PREFIXES = ("/photos/", "/api/v1/geo/communes")
_HEAVY_BODY_BYTES = 256 * 1024


def when_ready(server: Any) -> None:
    """Build the geography in the master, then freeze it, before any worker forks."""
    from amane.geo.warmup import freeze, warm_up

    warm_up()
    freeze()


def _heavy(environ: dict[str, Any]) -> bool:
    length = environ.get("CONTENT_LENGTH") or "0"
    return (length.isdigit() and int(length) > _HEAVY_BODY_BYTES) or environ.get("PATH_INFO", "").startswith(
        _HEAVY_PREFIXES
    )


def post_request(worker: Any, req: Any, environ: dict[str, Any], resp: Any) -> None:
    if _can_trim and _heavy(environ):
        _libc.malloc_trim(0)
