from django.db import migrations

# The defaults of amane.service_levels.deadlines, as they were when this migration was written.
ACKNOWLEDGE_HOURS = 48
RESOLVE_DAYS = 30


def give_every_category_the_defaults(apps, schema_editor):
    Category = apps.get_model("reports", "Category")
    ServiceLevel = apps.get_model("service_levels", "ServiceLevel")
    have = set(ServiceLevel.objects.values_list("category_id", flat=True))
    ServiceLevel.objects.bulk_create(
        ServiceLevel(category_id=pk, acknowledge_hours=ACKNOWLEDGE_HOURS, resolve_days=RESOLVE_DAYS)
        for pk in Category.objects.values_list("pk", flat=True)
        if pk not in have
    )


class Migration(migrations.Migration):
    dependencies = [
        ("service_levels", "0001_initial"),
        ("reports", "0006_public_point_in_indexes"),
    ]

    operations = [migrations.RunPython(give_every_category_the_defaults, migrations.RunPython.noop)]
