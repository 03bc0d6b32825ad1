"""
Default routing: which kinds of unit handle each category of the first release.

Each list is in fallback order, the responsible kind first: when no unit of that kind covers
a place, the next kind that has one becomes responsible. Admins edit the table afterwards.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# The local authority, most specific first: an annex inside a town, a district of a
# prefecture of arrondissements, the pashalik of a town, the caïdat of rural communes.
LOCAL_AUTHORITY = ["annex", "district", "pashalik", "caidat", "cercle"]
SECURITY = ["police", "gendarmerie"]
GOVERNOR = ["province", "prefecture"]

# Crime and disorder: the local authority answers, the police or gendarmerie in copy.
PUBLIC_ORDER = [*LOCAL_AUTHORITY, *SECURITY, *GOVERNOR]
# Lighting, dumping, roads: the elected council answers, the local authority in copy.
MUNICIPAL = ["commune-council", *LOCAL_AUTHORITY, *GOVERNOR]
# Confidential categories reach the police or the gendarmerie only, never a unit in copy.
CONFIDENTIAL = SECURITY

RULES = {
    "violence": PUBLIC_ORDER,
    "theft": PUBLIC_ORDER,
    "drugs": PUBLIC_ORDER,
    "harassment": PUBLIC_ORDER,
    "gathering-place": PUBLIC_ORDER,
    "vandalism": PUBLIC_ORDER,
    "unsafe-space": MUNICIPAL,
    "road-danger": ["commune-council", *LOCAL_AUTHORITY, *SECURITY, *GOVERNOR],
    "domestic-violence": CONFIDENTIAL,
    "extremism": CONFIDENTIAL,
    "other": [*LOCAL_AUTHORITY, "commune-council", *GOVERNOR],
}


def add_rules(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    category = apps.get_model("reports", "Category")
    rule = apps.get_model("authorities", "RoutingRule")
    for code, kinds in RULES.items():
        found = category.objects.filter(code=code).first()
        # A category an admin removed before this migration ran has nothing to route.
        if found is None or rule.objects.filter(category=found).exists():
            continue
        rule.objects.bulk_create(
            rule(category=found, kind=kind, responsible=position == 0, position=position)
            for position, kind in enumerate(kinds)
        )


def remove_rules(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("authorities", "RoutingRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("authorities", "0001_initial"), ("reports", "0002_categories")]
    operations = [migrations.RunPython(add_rules, remove_rules)]
