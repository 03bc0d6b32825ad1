"""Demo flags in Casablanca: one report flagged below the threshold, one hidden and waiting for a moderator."""

from django.db.models import Q

from amane.core.actors import DEMO_REPORTER
from amane.flags import conf, services
from amane.flags.models import CaseState, ModerationCase
from amane.reports.models import Report

# The prefecture of Casablanca's code in the 2024 census.
CASABLANCA = "06.141"


def _demo_flagger(n: int) -> str:
    # Fixed keys, so that running the demo again counts nothing twice.
    return f"demo:{n}"


def seed_demo(*, seed: int = 2024) -> str:
    # Hidden ones included: a second run finds the same two and counts nothing again.
    reports = list(
        Report.objects.filter(Q(public=True) | Q(hidden=True), is_demo=True, province__code=CASABLANCA)
        .exclude(category__confidential=True)
        .order_by("public_id")[:2]
    )
    if len(reports) < 2:
        return "flags: no public demo report in Casablanca to flag (run the reports' demo first)"
    threshold = conf.threshold_for("report")
    for report, count in zip(reports, (threshold - 1, threshold), strict=False):
        for n in range(count):
            services.flag_submit(
                actor=DEMO_REPORTER,
                flagger_key=_demo_flagger(n),
                kind="report",
                target_id=report.public_id,
                reason="not_safety" if n % 2 else "misleading",
            )
    pending = ModerationCase.objects.filter(state=CaseState.PENDING).count()
    return f"flags: one Casablanca report flagged below the threshold ({threshold}), {pending} case(s) pending"
