from django.db import migrations

SEED = [
    (
        "استلام", "Accusé de réception",
        "توصلنا ببلاغك، ونحن ندرسه. سنخبرك هنا بما سنقوم به.",
        "Nous avons reçu votre signalement et l'examinons. Nous vous dirons ici ce que nous faisons.",
    ),
    (
        "تدخل", "Intervention",
        "تدخلت مصالحنا في المكان المذكور. شكرًا على تنبيهك.",
        "Nos services sont intervenus à l'endroit signalé. Merci de nous avoir alertés.",
    ),
    (
        "خارج الاختصاص", "Hors compétence",
        "هذا البلاغ ليس من اختصاصنا؛ أحلناه إلى الجهة المختصة.",
        "Ce signalement ne relève pas de notre compétence ; nous l'avons transmis au service compétent.",
    ),
]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    template = apps.get_model("inbox", "ReplyTemplate")
    for title_ar, title_fr, body_ar, body_fr in SEED:
        template.objects.get_or_create(title_fr=title_fr, unit=None, defaults={"title_ar": title_ar, "body_ar": body_ar, "body_fr": body_fr})


class Migration(migrations.Migration):
    dependencies = [("inbox", "0003_reply_template")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
