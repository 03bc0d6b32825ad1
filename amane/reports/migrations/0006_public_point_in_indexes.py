"""
The public point at the end of each list index, and the box index holding every filter:
a box of the map is then tested inside whichever index a list walks, never on the rows.
ANALYZE gives the planners the new indexes' statistics.
"""

from django.db import migrations, models


def analyze(apps, schema_editor):
    schema_editor.execute("ANALYZE")


class Migration(migrations.Migration):

    dependencies = [
        ('geo', '0002_excluded_areas'),
        ('reports', '0005_public_order_and_tallies'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='report',
            name='report_public_order',
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='report_public_commune',
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='report_public_category',
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='report_public_status',
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='report_public_box',
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'occurred_on', 'public_id', 'public_lat', 'public_lon'], name='report_public_order'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'commune', 'occurred_on', 'public_id', 'public_lat', 'public_lon'], name='report_public_commune'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'category', 'occurred_on', 'public_id', 'public_lat', 'public_lon'], name='report_public_category'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'status', 'occurred_on', 'public_id', 'public_lat', 'public_lon'], name='report_public_status'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['public', 'public_lat', 'public_lon', 'category', 'status', 'commune', 'occurred_on', 'public_id', 'id'], name='report_public_box'),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
