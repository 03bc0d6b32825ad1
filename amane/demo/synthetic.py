"""
Synthetic incidents for the demo, without Django.

Real incidents cluster: around a few places (a café by a school, a dark lane, a bus
station) and in time (one theft is followed by others nearby within days). The generator
reproduces both with a self-exciting (Hawkes-type) process per city: background events
fall around the city's hotspots and in a thinner cloud over the whole city, at rates that
rise in summer and on weekend evenings, and each event may trigger follow-ups close by in
space and time. Every figure comes from a seeded random generator, so a demo is the same
on every machine.
"""

import datetime as dt
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class City:
    name: str
    lat: float
    lon: float
    weight: float
    radius_m: float


CITIES = (
    City("Casablanca", 33.5731, -7.5898, 5.0, 7000),
    City("Tanger", 35.7673, -5.8000, 3.0, 4500),
    City("Marrakech", 31.6295, -7.9811, 3.0, 4500),
    City("Fès", 34.0331, -5.0003, 2.0, 4000),
    City("Agadir", 30.4202, -9.5982, 1.5, 3500),
    City("Oujda", 34.6814, -1.9086, 1.2, 3000),
    City("Khouribga", 32.8811, -6.9063, 1.5, 2500),
    City("Taroudant", 30.4703, -8.8770, 1.0, 1800),
    City("Laâyoune", 27.1536, -13.2033, 1.2, 2500),
)

# Category weights of the kinds of place that become hotspots.
HOTSPOT_KINDS: dict[str, dict[str, float]] = {
    "school": {"harassment": 4, "gathering-place": 4, "drugs": 2, "violence": 1, "road-danger": 1},
    "market": {"theft": 5, "violence": 1, "vandalism": 1, "unsafe-space": 1},
    "dark_lane": {"unsafe-space": 4, "theft": 3, "violence": 2, "harassment": 2, "drugs": 1},
    "station": {"theft": 4, "harassment": 2, "violence": 2, "road-danger": 1},
    "wasteland": {"drugs": 4, "unsafe-space": 3, "vandalism": 2, "violence": 1},
}
BACKGROUND_KINDS = {
    "theft": 3,
    "road-danger": 3,
    "vandalism": 2,
    "unsafe-space": 2,
    "violence": 1,
    "domestic-violence": 0.6,
    "extremism": 0.1,
    "other": 1,
}

PLACES = {
    "school": ["قرب المدرسة الابتدائية", "أمام الإعدادية", "بجانب باب الثانوية", "حدا المدرسة"],
    "market": ["في السوق الأسبوعي", "قرب سوق الخضر", "في ممر السوق المغطى", "عند باب السوق"],
    "dark_lane": ["في الزنقة المظلمة خلف الحي", "في الدرب اللي ما فيه ضو", "في الممر بين العمارات"],
    "station": ["قرب محطة الحافلات", "عند موقف الطاكسيات الكبيرة", "بجانب محطة القطار"],
    "wasteland": ["في الأرض الخلاء قرب الحي", "في البناية المهجورة", "قرب الوادي"],
    "street": ["في الشارع الرئيسي", "قرب المسجد", "في الحي السكني", "أمام الصيدلية", "في ساحة الحي"],
}
WHEN = ["كل ليلة", "بعد العصر", "عند خروج التلاميذ", "في الليل", "نهار الجمعة", "مع الفجر", "في العشية"]
TEMPLATES: dict[str, list[str]] = {
    "violence": [
        "وقع اعتداء على شاب {place} {when}.",
        "شجار عنيف بالسكاكين {place}، الناس خايفين.",
        "Agression d'un passant {place_fr} hier soir.",
    ],
    "theft": [
        "سرقة الهواتف بالخطف {place} {when}.",
        "تم السطو على محل {place}.",
        "كاين شفارة كيسرقو الناس {place} {when}.",
        "Vol à l'arraché {place_fr}, plusieurs victimes.",
    ],
    "drugs": [
        "بيع المخدرات {place} {when}.",
        "شباب كيتعاطاو القرقوبي {place}.",
        "Trafic de drogue {place_fr}, tous les soirs.",
    ],
    "harassment": [
        "تحرش بالتلميذات {place} {when}.",
        "مجموعة ديال الشباب كيتحرشو بالبنات {place}.",
        "Harcèlement des élèves {place_fr} à la sortie des cours.",
    ],
    "gathering-place": [
        "مقهى {place} كيتجمعو فيه أشخاص مشبوهين {when}.",
        "تجمع مشبوه {place} {when}، التلاميذ في خطر.",
        "Café {place_fr} où se réunissent des individus suspects.",
    ],
    "vandalism": [
        "تخريب الإنارة العمومية {place}.",
        "تكسير زجاج السيارات {place} {when}.",
        "Dégradation du mobilier urbain {place_fr}.",
    ],
    "unsafe-space": [
        "الإنارة مقطوعة {place} منذ أسابيع.",
        "بناية مهجورة {place} ولات وكر للمنحرفين.",
        "أزبال متراكمة {place} والناس ما بقاوش كيدوزو.",
        "Éclairage en panne {place_fr} depuis un mois.",
    ],
    "road-danger": [
        "السرعة المفرطة {place} {when}، الأطفال في خطر.",
        "حفرة كبيرة {place} بلا علامة.",
        "غياب ممر الراجلين {place}.",
        "Excès de vitesse {place_fr}, aucun ralentisseur.",
    ],
    "domestic-violence": ["كنسمع عنف داخل دار الجيران {when}.", "امرأة كتعرض للضرب من طرف زوجها بشكل متكرر."],
    "extremism": ["شخص كينشر أفكار متطرفة {place}."],
    "other": [
        "كلاب ضالة {place} كتهاجم الناس {when}.",
        "ضوضاء وإزعاج {place} {when}.",
        "Problème de sécurité {place_fr}, merci d'intervenir.",
    ],
}
PLACES_FR = ["près de l'école", "au marché", "dans la ruelle sombre", "près de la gare routière", "dans le quartier"]


@dataclass
class Incident:
    city: str
    lat: float
    lon: float
    occurred_at: dt.datetime
    category: str
    description: str
    place_kind: str
    # Days after submission at which the authority acted, with the status it set.
    steps: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Hotspot:
    lat: float
    lon: float
    kind: str
    sigma_m: float
    intensity: float


def _offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    return (
        lat + north_m / METRES_PER_DEGREE,
        lon + east_m / (METRES_PER_DEGREE * math.cos(math.radians(lat))),
    )


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _hotspots(rng: random.Random, city: City) -> list[Hotspot]:
    count = max(3, round(city.weight * 3))
    spots = []
    for _ in range(count):
        distance = abs(rng.gauss(0, city.radius_m / 2.5))
        angle = rng.uniform(0, 2 * math.pi)
        lat, lon = _offset(city.lat, city.lon, distance * math.cos(angle), distance * math.sin(angle))
        spots.append(Hotspot(lat, lon, rng.choice(list(HOTSPOT_KINDS)), rng.uniform(80, 250), rng.uniform(0.5, 2.0)))
    return spots


def _seasonal_rate(day: int, hour: int, weekday: int) -> float:
    summer = 1 + 0.35 * math.sin(2 * math.pi * (day - 80) / 365)
    evening = 1.8 if 18 <= hour <= 23 else (0.5 if hour < 6 else 1.0)
    weekend = 1.25 if weekday in (4, 5) else 1.0
    return summer * evening * weekend


def _moment(rng: random.Random, start: dt.datetime, days: int) -> dt.datetime:
    # Rejection sampling against the seasonal, daily and weekly rhythm.
    while True:
        offset = rng.uniform(0, days * 24.0)
        moment = start + dt.timedelta(hours=offset)
        if rng.random() * 2.6 < _seasonal_rate((moment - start).days, moment.hour, moment.weekday()):
            return moment.replace(microsecond=0)


def _describe(rng: random.Random, category: str, place_kind: str) -> str:
    template = rng.choice(TEMPLATES[category])
    return template.format(
        place=rng.choice(PLACES.get(place_kind, PLACES["street"])),
        when=rng.choice(WHEN),
        place_fr=rng.choice(PLACES_FR),
    )


def _steps(rng: random.Random, category: str, age_days: int) -> list[tuple[int, str]]:
    """Return what the authority did, at days after submission, shorter for recent reports."""
    if rng.random() < 0.04:
        return [(rng.randint(1, 5), "rejected")]
    plan = [(rng.randint(0, 3), "acknowledged")]
    if rng.random() < 0.75:
        plan.append((plan[-1][0] + rng.randint(1, 12), "in_progress"))
        if rng.random() < 0.7:
            plan.append((plan[-1][0] + rng.randint(3, 45), "resolved"))
    return [(day, status) for day, status in plan if day <= age_days]


def generate(
    *, seed: int, total: int, end: dt.datetime, days: int = 365, cities: Sequence[City] = CITIES
) -> Iterator[Incident]:
    """Yield about `total` incidents over `days` days ending at `end`, in time order per city."""
    rng = random.Random(seed)
    start = end - dt.timedelta(days=days)
    weight_sum = sum(c.weight for c in cities)
    for city in cities:
        hotspots = _hotspots(rng, city)
        budget = round(total * city.weight / weight_sum)
        # About 70% of incidents are background events, 30% their offspring.
        background = round(budget * 0.7)
        incidents: list[Incident] = []
        for _ in range(background):
            if rng.random() < 0.65:
                spot = rng.choices(hotspots, weights=[h.intensity for h in hotspots])[0]
                lat, lon = _offset(spot.lat, spot.lon, rng.gauss(0, spot.sigma_m), rng.gauss(0, spot.sigma_m))
                kind, category = spot.kind, _weighted(rng, HOTSPOT_KINDS[spot.kind])
            else:
                lat, lon = _offset(city.lat, city.lon, rng.gauss(0, city.radius_m / 2), rng.gauss(0, city.radius_m / 2))
                kind, category = "street", _weighted(rng, BACKGROUND_KINDS)
            incidents.append(Incident(city.name, lat, lon, _moment(rng, start, days), category, "", kind))
        index = 0
        while len(incidents) < budget and index < len(incidents):
            parent = incidents[index]
            index += 1
            if rng.random() > 0.45:
                continue
            moment = parent.occurred_at + dt.timedelta(hours=rng.expovariate(1 / 72))
            if moment >= end:
                continue
            lat, lon = _offset(parent.lat, parent.lon, rng.gauss(0, 120), rng.gauss(0, 120))
            incidents.append(Incident(city.name, lat, lon, moment, parent.category, "", parent.place_kind))
        incidents.sort(key=lambda incident: incident.occurred_at)
        for incident in incidents:
            incident.description = _describe(rng, incident.category, incident.place_kind)
            incident.steps = _steps(rng, incident.category, (end - incident.occurred_at).days)
            yield incident
