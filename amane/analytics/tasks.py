"""Background jobs of the observatory, found by Huey's Django integration (`amane run_huey`)."""

import logging
import time

from huey.contrib.djhuey import db_task

from amane.analytics import figures

logger = logging.getLogger(__name__)


@db_task()
def compute_figure(name: str, params: dict[str, object]) -> None:
    started = time.perf_counter()
    figures.compute(name, params)
    logger.info("observatory figure %s %s computed in %.2f s", name, params, time.perf_counter() - started)
