"""
Fill a benchmark database, once, with what the associations issue adds beside the reports:
10k black spots around the reports' own public points (a fifth of them small drawn areas,
each linked to two reports, a third answered, a few from suspended associations or hidden)
and 10k recommendations from 500 meetings. Rows go in around the services: only reading is
measured. A marker file per backend records what is there.
"""

import datetime as dt
import random
from pathlib import Path

from bench.map_api import progress


def fill_spots(total: int, marker: Path) -> int:
    """Add `total` black spots (once) around random public reports, around the services: only reads are timed."""
    from django.contrib.auth import get_user_model

    from amane.associations.models import Association, AssociationStatus
    from amane.blackspots.models import BlackSpot, BlackSpotAnswer, BlackSpotReport
    from amane.core import clock
    from amane.reports.models import Category, Report

    if marker.exists() and marker.read_text().strip() == str(total):
        return BlackSpot.objects.count()
    progress(f"adding {total:,} black spots…")
    rng = random.Random(11)
    now = clock.now()
    user, _ = get_user_model().objects.get_or_create(username="bench-member")
    associations = []
    for n in range(32):
        status = AssociationStatus.SUSPENDED if n >= 30 else AssociationStatus.VERIFIED
        association, _ = Association.objects.get_or_create(
            slug=f"bench-{n}",
            defaults={"name_ar": f"جمعية {n}", "name_fr": f"Association {n}", "registration_number": f"B-{n}",
                      "status": status, "created_at": now},
        )  # fmt: skip
        associations.append(association)
    categories = list(Category.objects.filter(confidential=False))
    last = Report.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = rng.sample(range(1, last + 1), min(last, total * 2))
    rows = {
        r[0]: r
        for r in Report.objects.filter(id__in=ids, public=True).values_list(
            "id", "public_lat", "public_lon", "commune_id"
        )
    }
    picked = [rows[i] for i in ids if i in rows][: total * 2]
    spots = []
    for n in range(total):
        _id, lat, lon, commune_id = picked[n % len(picked)]
        lat, lon = lat + rng.uniform(-0.001, 0.001), lon + rng.uniform(-0.001, 0.001)
        d = rng.uniform(0.0003, 0.002) if n % 5 == 0 else 0.0
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if not d
            else {"type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d],
                                                        [lon - d, lat + d], [lon - d, lat - d]]]}
        )  # fmt: skip
        spots.append(
            BlackSpot(
                public_id=f"{rng.getrandbits(50):010x}"[:10], association=rng.choice(associations), declared_by=user,
                category=rng.choice(categories), geometry=geometry, lat=lat, lon=lon, min_lat=lat - d, min_lon=lon - d,
                max_lat=lat + d, max_lon=lon + d, commune_id=commune_id, description="bench " * 20,
                status=rng.choice(["declared", "acknowledged", "action-planned", "resolved"]), hidden=n % 97 == 0,
                declared_at=now, acknowledge_by=now, answer_by=now,
            )
        )  # fmt: skip
    made = BlackSpot.objects.bulk_create(spots, batch_size=2000)
    links = [BlackSpotReport(black_spot=s, report_id=picked[(n * 2 + k) % len(picked)][0])
             for n, s in enumerate(made) for k in range(2)]  # fmt: skip
    BlackSpotReport.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    from amane.authorities.models import Unit

    unit = Unit.objects.first() or Unit.objects.create(code="bench-unit", name_ar="وحدة", name_fr="Unité", kind="annex")
    answers = [BlackSpotAnswer(black_spot=s, status="acknowledged", text="bench", unit=unit, at=now)
               for n, s in enumerate(made) if n % 3 == 0]  # fmt: skip
    BlackSpotAnswer.objects.bulk_create(answers, batch_size=5000)
    _analyze()
    marker.write_text(f"{total}\n")
    return len(made)


def fill_recommendations(total: int, commune_code: str, marker: Path) -> int:
    """Add `total` recommendations (once), half of them for the units covering `commune_code`."""
    from amane.authorities.models import Unit, UnitCoverage
    from amane.core import clock
    from amane.meetings.models import Meeting, MeetingStatus, Recommendation, RecommendationStatus

    if marker.exists() and marker.read_text().strip() == str(total):
        return Recommendation.objects.count()
    progress(f"adding {total:,} recommendations…")
    rng = random.Random(17)
    now = clock.now()
    local = list(UnitCoverage.objects.filter(area__code=commune_code).values_list("unit_id", flat=True))
    others = list(Unit.objects.order_by("?").values_list("pk", flat=True)[:300])
    units = local * 10 + others if local else others
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                public_id=f"bm{n:08d}", unit_id=units[n % len(units)], title_fr=f"Réunion {n}", place="Pachalik",
                starts_at=now - dt.timedelta(days=n % 700), ends_at=now - dt.timedelta(days=n % 700, hours=-2),
                status=MeetingStatus.HELD, created_at=now, updated_at=now,
            )
            for n in range(500)
        ]
    )  # fmt: skip
    statuses = list(RecommendationStatus.values)
    rows = []
    for n in range(total):
        meeting = meetings[n % len(meetings)]
        status = statuses[n % len(statuses)]
        rows.append(
            Recommendation(
                public_id=f"br{n:08d}", meeting=meeting, meeting_unit_id=meeting.unit_id,
                responsible_unit_id=rng.choice(units), text_fr=f"Recommandation {n}", text_ar=f"توصية {n}",
                due_on=now.date() + dt.timedelta(days=rng.randint(-400, 300)), status=status,
                done_on=now.date() if status == "done" else None, done_late=n % 8 == 0, created_at=now,
            )
        )  # fmt: skip
    Recommendation.objects.bulk_create(rows, batch_size=2000)
    _analyze()
    marker.write_text(f"{total}\n")
    return Recommendation.objects.count()


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
