"""Demo announcements of the Taroudant, Khouribga and Casablanca demo units, one urgent in Taroudant."""

import datetime as dt

from amane.announcements.models import Announcement
from amane.announcements.services import AnnouncementInput, announcement_create
from amane.authorities.models import Unit
from amane.core import clock
from amane.core.actors import DEMO_AUTHORITY
from amane.core.viewer import Viewer, ViewerRole

# (unit code or code prefix, urgent, days it lasts, Arabic title, Arabic text, French title, French text)
PLAN = [
    (
        "pashalik-taroudant",
        True,
        30,
        "تحذير: أشغال وإغلاق طريق باب القصبة",
        "<p>يغلق طريق <strong>باب القصبة</strong> ليلاً بسبب أشغال الإنارة العمومية. المرجو سلوك الطرق البديلة.</p>",
        "Alerte : travaux et fermeture de la route de Bab Lkasbah",
        "<p>La route de <strong>Bab Lkasbah</strong> est fermée la nuit pour des travaux d'éclairage public.</p>",
    ),
    (
        "pashalik-taroudant",
        False,
        60,
        "لقاء تشاوري مع جمعيات الأحياء",
        "<p>تدعو الباشوية جمعيات الأحياء إلى لقاء تشاوري حول أمن محيط المدارس.</p>"
        '<ul><li>المكان: مقر الباشوية</li><li>الهاتف: <a href="tel:+212528850000">0528850000</a></li></ul>',
        "Rencontre de concertation avec les associations de quartier",
        "<p>Le pachalik invite les associations de quartier à une rencontre sur la sécurité aux abords des écoles.</p>",
    ),
    (
        "province-05.311",
        False,
        45,
        "حملة تحسيسية ضد الإدمان في المؤسسات التعليمية",
        "<p>تنظم عمالة إقليم خريبكة حملة تحسيسية ضد الإدمان لفائدة التلاميذ وأوليائهم.</p>",
        "Campagne de sensibilisation contre l'addiction dans les écoles",
        "<p>La province de Khouribga organise une campagne de sensibilisation contre l'addiction.</p>",
    ),
    (
        "prefecture-06.141",
        False,
        30,
        "تعزيز الإنارة العمومية في محيط المحطات",
        "<p>تعلن العمالة عن برنامج لتعزيز الإنارة العمومية في محيط محطات الترامواي والحافلات.</p>",
        "Renforcement de l'éclairage public autour des stations",
        "<p>La préfecture annonce un programme de renforcement de l'éclairage autour des stations de tramway.</p>",
    ),
]


def seed_demo(*, seed: int = 2024) -> str:
    """Publish the demo announcements of the demo units that exist, once (a second run adds nothing)."""
    del seed  # the texts are fixed; nothing is drawn at random
    made = skipped = 0
    now = clock.now()
    for unit_code, urgent, days, title_ar, body_ar, title_fr, body_fr in PLAN:
        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None:
            skipped += 1
            continue
        if Announcement.objects.filter(unit=unit, title_ar=title_ar, is_demo=True).exists():
            continue
        # The demo acts as an officer of the unit, through the service officers use.
        viewer = Viewer(role=ViewerRole.OFFICER, unit_ids=frozenset({unit.pk}))
        announcement_create(
            viewer=viewer,
            actor=DEMO_AUTHORITY,
            unit_code=unit.code,
            data=AnnouncementInput(
                title_ar=title_ar,
                body_ar=body_ar,
                title_fr=title_fr,
                body_fr=body_fr,
                urgent=urgent,
                publishes_at=now,
                expires_at=now + dt.timedelta(days=days),
            ),
            is_demo=True,
        )
        made += 1
    return f"announcements: {made} published, {skipped} skipped (unit missing)"
