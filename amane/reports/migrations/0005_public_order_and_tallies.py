"""
The public order and the map's tallies: each report gets the local day it happened
(`occurred_on`) and whether the public sees it (`public`), indexes that serve the public
lists in their order, and per-cell counts of public reports kept on write.

Existing rows are filled in batches, each its own transaction (the migration is not atomic),
so that a large database is not held in one write; ANALYZE then gives the planners the
statistics that make them pick these indexes.
"""

import django.db.models.deletion
from django.db import migrations, models, transaction


BATCH = 5000
RESOLUTIONS = (5, 7, 9)


def fill_reports(apps, schema_editor):
    from django.utils import timezone

    Report = apps.get_model("reports", "Report")
    Category = apps.get_model("reports", "Category")
    db = schema_editor.connection.alias
    confidential = set(Category.objects.using(db).filter(confidential=True).values_list("id", flat=True))
    last = 0
    while True:
        batch = list(
            Report.objects.using(db).filter(id__gt=last).order_by("id").only("id", "occurred_at", "category_id")[:BATCH]
        )
        if not batch:
            return
        with transaction.atomic(using=db):
            for report in batch:
                report.occurred_on = timezone.localdate(report.occurred_at)
                report.public = report.category_id not in confidential
            Report.objects.using(db).bulk_update(batch, ["occurred_on", "public"])
        last = batch[-1].id


def fill_tallies(apps, schema_editor):
    """The same counts as amane.reports.tallies.rebuild, with the models as this migration knows them."""
    import h3
    from django.db.models import Count, Max, Sum

    Report = apps.get_model("reports", "Report")
    CellTally = apps.get_model("reports", "CellTally")
    CellTotal = apps.get_model("reports", "CellTotal")
    db = schema_editor.connection.alias
    public = Report.objects.using(db).filter(public=True)
    with transaction.atomic(using=db):
        for resolution in RESOLUTIONS:
            column = f"cell_r{resolution}"
            rows = public.values_list(column, "commune_id", "category_id", "status").annotate(n=Count("id")).order_by()
            tallies = []
            for cell, commune_id, category_id, status, n in rows.iterator():
                lat, lon = h3.cell_to_latlng(cell)
                tallies.append(
                    CellTally(
                        resolution=resolution, cell=cell, lat=round(lat, 6), lon=round(lon, 6),
                        commune_id=commune_id, category_id=category_id, status=status, count=n,
                    )
                )  # fmt: skip
            CellTally.objects.using(db).bulk_create(tallies, batch_size=BATCH)
        totals = (
            CellTally.objects.using(db)
            .values_list("resolution", "cell")
            .annotate(lat=Max("lat"), lon=Max("lon"), n=Sum("count"))
            .order_by()
        )
        CellTotal.objects.using(db).bulk_create(
            [CellTotal(resolution=r, cell=c, lat=lat, lon=lon, count=n) for r, c, lat, lon, n in totals],
            batch_size=BATCH,
        )


def analyze(apps, schema_editor):
    schema_editor.execute("ANALYZE")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('geo', '0002_excluded_areas'),
        ('reports', '0004_idempotency_record'),
    ]

    operations = [
        migrations.CreateModel(
            name='CellTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('resolution', models.PositiveSmallIntegerField()),
                ('cell', models.CharField(max_length=16)),
                ('lat', models.FloatField()),
                ('lon', models.FloatField()),
                ('status', models.CharField(choices=[('submitted', 'Submitted'), ('acknowledged', 'Acknowledged'), ('in_progress', 'In progress'), ('resolved', 'Resolved'), ('rejected', 'Rejected'), ('duplicate', 'Duplicate')], max_length=16)),
                ('count', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='CellTotal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('resolution', models.PositiveSmallIntegerField()),
                ('cell', models.CharField(max_length=16)),
                ('lat', models.FloatField()),
                ('lon', models.FloatField()),
                ('count', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='reports_rep_cell_r5_9802a4_idx',
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='reports_rep_cell_r7_339618_idx',
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='reports_rep_public__cb86e8_idx',
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='report_page_order',
        ),
        migrations.AddField(
            model_name='report',
            name='occurred_on',
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name='report',
            name='public',
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(fill_reports, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='report',
            name='occurred_on',
            field=models.DateField(),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'occurred_on', 'public_id'], name='report_public_order'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'commune', 'occurred_on', 'public_id'], name='report_public_commune'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'category', 'occurred_on', 'public_id'], name='report_public_category'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'status', 'occurred_on', 'public_id'], name='report_public_status'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'public_lat', 'public_lon', 'occurred_on', 'public_id', 'id'], name='report_public_box'),
        ),
        migrations.AddField(
            model_name='celltally',
            name='category',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reports.category'),
        ),
        migrations.AddField(
            model_name='celltally',
            name='commune',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='geo.area'),
        ),
        migrations.AddIndex(
            model_name='celltotal',
            index=models.Index(fields=['resolution', 'lat', 'lon', 'cell', 'count'], name='cell_total_box'),
        ),
        migrations.AddConstraint(
            model_name='celltotal',
            constraint=models.UniqueConstraint(fields=('resolution', 'cell'), name='cell_total_key'),
        ),
        migrations.AddIndex(
            model_name='celltally',
            index=models.Index(fields=['resolution', 'lat', 'lon', 'category', 'status', 'cell', 'count'], name='cell_tally_box'),
        ),
        migrations.AddIndex(
            model_name='celltally',
            index=models.Index(fields=['commune', 'resolution', 'category', 'status', 'cell', 'lat', 'lon', 'count'], name='cell_tally_commune'),
        ),
        migrations.AddConstraint(
            model_name='celltally',
            constraint=models.UniqueConstraint(fields=('resolution', 'cell', 'commune', 'category', 'status'), name='cell_tally_key'),
        ),
        migrations.RunPython(fill_tallies, migrations.RunPython.noop),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
