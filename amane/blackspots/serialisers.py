"""Black spots as the API, the map and the feeds give them: plain data, no declarer's name."""

from django.urls import reverse

from amane.authorities.serialisers import unit_summary
from amane.blackspots import selectors
from amane.blackspots.models import BlackSpot, BlackSpotAnswer


def answer_out(answer: BlackSpotAnswer) -> dict[str, object]:
    return {
        "status": answer.status,
        "text": answer.text,
        "planned_for": answer.planned_for,
        "at": answer.at,
        "unit": unit_summary(answer.unit),
    }


_ID = "__id__"


def page_url_template() -> str:
    """A black spot's address with a stand-in for its id: a list reverses the route once, not per item."""
    return reverse("black_spot", args=[_ID])


def black_spot_out(spot: BlackSpot, *, url_template: str | None = None) -> dict[str, object]:
    """One black spot of a list; its answers and reports come prefetched (amane.blackspots.selectors)."""
    answer = selectors.latest_answer(spot)
    return {
        "id": spot.public_id,
        "category": spot.category.code,
        "category_name_ar": spot.category.name_ar,
        "category_name_fr": spot.category.name_fr,
        "status": spot.status,
        "geometry": spot.geometry,
        "lat": spot.lat,
        "lon": spot.lon,
        "commune": spot.commune.code,
        "association": {
            "slug": spot.association.slug,
            "name_ar": spot.association.name_ar,
            "name_fr": spot.association.name_fr,
        },
        "responsible": unit_summary(spot.responsible_unit) if spot.responsible_unit else None,
        "planned_for": spot.planned_for,
        "answer": answer_out(answer) if answer else None,
        "reports": [report.public_id for report in selectors.linked_reports(spot)],
        "is_demo": spot.is_demo,
        "url": (url_template or page_url_template()).replace(_ID, spot.public_id),
    }


def black_spot_detail_out(spot: BlackSpot) -> dict[str, object]:
    return {
        **black_spot_out(spot),
        "description": spot.description,
        "declared_at": spot.declared_at,
        "timeline": [
            {
                "at": entry.at,
                "kind": entry.kind,
                "status": entry.status,
                "text": entry.text,
                "planned_for": entry.planned_for,
                "unit": unit_summary(entry.unit) if entry.unit else None,  # type: ignore[arg-type]
            }
            for entry in selectors.timeline(spot)
        ],
        "places": [
            {"id": link.place.pk, "kind": link.place.kind, "name_ar": link.place.name_ar, "name_fr": link.place.name_fr}
            for link in spot.place_links.all()
        ],
        "photos": [reverse("black_spot_photo", args=[photo.public_id]) for photo in spot.photos.all()],
    }
