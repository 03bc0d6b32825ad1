"""Background jobs of service levels, found by Huey's Django integration (`amane run_huey`)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amane.core import clock
from amane.service_levels.services import escalate_overdue

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/15"))
def escalation_sweep() -> None:
    """Escalate what became overdue since the last sweep, every 15 minutes (Huey keeps no periodic result)."""
    result = escalate_overdue(now=clock.now())
    logger.info(
        "escalation sweep: %d escalated (%d without a higher unit), %d met, %d deadlines set",
        result.total_escalated,
        result.without_parent,
        result.met,
        result.deadlines_set,
    )
