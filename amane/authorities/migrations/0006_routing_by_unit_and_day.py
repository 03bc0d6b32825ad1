from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0005_routing_occurred_on"),
    ]

    operations = [
        migrations.AlterField(model_name="reportrouting", name="occurred_on", field=models.DateField()),
        migrations.AddIndex(
            model_name="reportrouting",
            index=models.Index(fields=["unit", "occurred_on", "report"], name="routing_by_unit_and_day"),
        ),
    ]
