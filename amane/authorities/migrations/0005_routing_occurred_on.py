from django.db import migrations, models

# Each routing row takes its report's day; the column becomes required in the next migration
# (PostgreSQL alters no table with the update's checks still pending in the same transaction).
BACKFILL = (
    "UPDATE authorities_reportrouting SET occurred_on = "
    "(SELECT occurred_on FROM reports_report WHERE reports_report.id = authorities_reportrouting.report_id)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0004_membership"),
    ]

    operations = [
        migrations.AddField(model_name="reportrouting", name="occurred_on", field=models.DateField(null=True)),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
