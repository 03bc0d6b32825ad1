"""The categories that authorities and associations name; admins may edit them later."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CATEGORIES = [
    ("violence", "عنف واعتداء", "Violence et agression", False),
    ("theft", "سرقة وسطو", "Vol et cambriolage", False),
    ("drugs", "مخدرات وإدمان", "Drogues et addiction", False),
    ("harassment", "تحرش (بما في ذلك محيط المدارس)", "Harcèlement (y compris aux abords des écoles)", False),
    (
        "gathering-place",
        "مكان تجمع مشبوه (مثل مقهى قرب مدرسة)",
        "Lieu de rassemblement suspect (café près d'une école)",
        False,
    ),
    ("vandalism", "تخريب", "Vandalisme", False),
    (
        "unsafe-space",
        "فضاء عام غير آمن (إنارة، بناية مهجورة، نفايات)",
        "Espace public dangereux (éclairage, bâtiment abandonné, dépôt)",
        False,
    ),
    ("road-danger", "خطر على الطريق", "Danger routier", False),
    ("domestic-violence", "عنف أسري أو منزلي", "Violence domestique ou familiale", True),
    ("extremism", "قلق من التطرف", "Inquiétude liée à l'extrémisme", True),
    ("other", "أخرى", "Autre", False),
]


def add_categories(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    category = apps.get_model("reports", "Category")
    for position, (code, name_ar, name_fr, confidential) in enumerate(CATEGORIES):
        category.objects.update_or_create(
            code=code,
            defaults={"name_ar": name_ar, "name_fr": name_fr, "confidential": confidential, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
