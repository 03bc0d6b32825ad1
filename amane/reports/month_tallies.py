"""
Public reports per commune, category and month, kept on write for the observatory's trends.

Called by amane.reports.tallies, inside the transaction of the write that changes what the
public counts, with the same up-by-upsert and down-by-update rule as the cell tallies.
"""

import datetime as dt

from django.db import connection
from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncMonth

from amane.reports.models import MonthTally, Report

BATCH = 2000


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def report_added(report: Report) -> None:
    table = connection.ops.quote_name(MonthTally._meta.db_table)
    # Only the quoted table name is formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (month, commune_id, province_id, region_id, category_id, count) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, 1) "
        f"ON CONFLICT (month, commune_id, category_id) DO UPDATE SET count = {table}.count + 1"
    )
    month = first_of_month(report.occurred_on)
    params: list[dt.date | int] = [month, report.commune_id, report.province_id, report.region_id, report.category_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def report_withdrawn(report: Report) -> None:
    MonthTally.objects.filter(
        month=first_of_month(report.occurred_on), commune_id=report.commune_id, category_id=report.category_id
    ).update(count=F("count") - 1)


def rebuild(reports: QuerySet[Report]) -> None:
    """Count these (public) reports again; the caller has deleted the rows they replace."""
    rows = (
        reports.annotate(month=TruncMonth("occurred_on"))
        .values_list("month", "commune_id", "province_id", "region_id", "category_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    batch: list[MonthTally] = []
    for month, commune_id, province_id, region_id, category_id, n in rows.iterator(chunk_size=BATCH):
        batch.append(
            MonthTally(
                month=month,
                commune_id=commune_id,
                province_id=province_id,
                region_id=region_id,
                category_id=category_id,
                count=n,
            )
        )
        if len(batch) >= BATCH:
            MonthTally.objects.bulk_create(batch)
            batch.clear()
    MonthTally.objects.bulk_create(batch)
