"""Background jobs of black spots, found by Huey's Django integration (`amane run_huey`)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amane.blackspots.escalation import escalate_overdue_black_spots
from amane.core import clock

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/15"))
def black_spot_escalation_sweep() -> None:
    """Escalate the black spots whose deadline passed since the last sweep, every 15 minutes."""
    result = escalate_overdue_black_spots(now=clock.now())
    logger.info(
        "black spot sweep: %d escalated (%d without a higher unit), %d met",
        result.escalated,
        result.without_parent,
        result.met,
    )
