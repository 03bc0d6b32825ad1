"""
The emergency numbers that apply in a commune.

In urban communes the Sûreté nationale (police, 19) is competent; in rural communes the
Gendarmerie royale (177). Civil protection (15) answers everywhere, for fire, accidents
and medical emergencies.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class EmergencyNumber:
    service: str
    number: str
    name_ar: str
    name_fr: str

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_ar


POLICE = EmergencyNumber("police", "19", "الشرطة (الأمن الوطني)", "Police (Sûreté nationale)")
GENDARMERIE = EmergencyNumber("gendarmerie", "177", "الدرك الملكي", "Gendarmerie royale")
CIVIL_PROTECTION = EmergencyNumber("civil_protection", "15", "الوقاية المدنية", "Protection civile")


def emergency_numbers(commune_type: str) -> list[EmergencyNumber]:
    first = POLICE if commune_type == "urban" else GENDARMERIE
    return [first, CIVIL_PROTECTION]
