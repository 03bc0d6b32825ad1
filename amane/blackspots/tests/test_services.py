"""Declaring, answering and registering: who may, what is checked, what is written (and audited)."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from amane.associations.models import AssociationStatus
from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units, officer_of
from amane.blackspots.models import BlackSpot, BlackSpotAnswer, BlackSpotPhoto, SensitivePlace
from amane.blackspots.services import black_spot_answer, sensitive_place_register
from amane.blackspots.tests.factories import FAR, NEAR, SPOT_LAT, SPOT_LON, declare, make_place, member_viewer
from amane.core.actors import association_member, authority_user
from amane.core.errors import Conflict, InvalidInput, InvalidTransition, NotAllowed
from amane.core.viewer import PUBLIC, Viewer, viewer_for
from amane.reports.tests.factories import file_report
from amane.reports.tests.test_photos import GPS_IFD, photo_with_gps

pytestmark = pytest.mark.django_db


def answer(viewer: Viewer, spot: BlackSpot, status: str, **fields: object) -> BlackSpotAnswer:
    assert viewer.user_id is not None
    return black_spot_answer(
        actor=authority_user(viewer.user_id),
        viewer=viewer,
        public_id=spot.public_id,
        status=status,
        **fields,  # type: ignore[arg-type]
    )


class TestDeclare:
    def test_a_member_declares_and_the_annex_must_answer(self, units: Units) -> None:
        spot = declare()
        assert spot.responsible_unit == units.north_annex
        assert spot.commune.code == "99.901.03.0"
        assert (spot.lat, spot.lon) == (SPOT_LAT, SPOT_LON)
        assert spot.status == "declared" and spot.watched_at == spot.acknowledge_by
        assert spot.acknowledge_by < spot.answer_by
        entry = AuditEntry.objects.get(action="black_spot.declare")
        assert entry.target_id == spot.public_id and entry.details["responsible"] == "annex-north"

    def test_the_deadlines_follow_the_categorys_service_level(self, units: Units) -> None:
        spot = declare()
        start = dt.datetime.combine(timezone.localdate(spot.declared_at) + dt.timedelta(days=1), dt.time.min)
        start = timezone.make_aware(start)
        assert spot.acknowledge_by == start + dt.timedelta(hours=48)
        assert spot.answer_by == start + dt.timedelta(days=30)

    def test_a_citizen_is_refused_and_nothing_is_written(self, units: Units) -> None:
        from django.contrib.auth import get_user_model

        citizen = viewer_for(get_user_model().objects.create_user(username="citizen"))
        with pytest.raises(NotAllowed):
            declare(viewer=citizen)
        assert not BlackSpot.objects.exists() and not AuditEntry.objects.filter(action="black_spot.declare").exists()

    def test_a_member_of_a_suspended_association_is_refused(self, units: Units) -> None:
        with pytest.raises(NotAllowed):
            declare(viewer=member_viewer("suspended", AssociationStatus.SUSPENDED))
        assert not BlackSpot.objects.exists()

    def test_every_bad_field_is_named_at_once_and_nothing_is_written(self, units: Units) -> None:
        with pytest.raises(InvalidInput) as refused:
            declare(
                category_code="domestic-violence",
                geometry={"type": "Point", "coordinates": [2.3, 48.8]},
                description=" ",
            )
        assert set(refused.value.fields) == {"category", "geometry", "description"}
        assert not BlackSpot.objects.exists()

    def test_an_area_too_large_is_refused_on_the_geometry(self, units: Units) -> None:
        huge = {
            "type": "Polygon",
            "coordinates": [[[-8.0, 31.2], [-7.9, 31.2], [-7.9, 31.3], [-8.0, 31.3], [-8.0, 31.2]]],
        }
        with pytest.raises(InvalidInput) as refused:
            declare(geometry=huge)
        assert list(refused.value.fields) == ["geometry"]

    def test_near_reports_and_places_are_linked_far_ones_refused(self, units: Units) -> None:
        member = member_viewer()
        near = file_report(category_code="harassment", point=NEAR).report
        far = file_report(category_code="harassment", point=FAR).report
        school = make_place(member)
        with pytest.raises(InvalidInput) as refused:
            declare(viewer=member, report_ids=[near.public_id, far.public_id], place_ids=[school.pk])
        assert list(refused.value.fields) == ["reports"] and far.public_id in str(refused.value.fields["reports"][0])
        assert not BlackSpot.objects.exists()
        spot = declare(viewer=member, report_ids=[near.public_id], place_ids=[school.pk])
        assert list(spot.reports.all()) == [near] and list(spot.places.all()) == [school]

    def test_a_confidential_report_cannot_be_linked(self, units: Units) -> None:
        hidden = file_report(category_code="domestic-violence", point=NEAR).report
        with pytest.raises(InvalidInput) as refused:
            declare(report_ids=[hidden.public_id])
        assert list(refused.value.fields) == ["reports"]

    def test_photos_are_cleaned_like_a_reports(self, units: Units) -> None:
        spot = declare(photos=[photo_with_gps()])
        stored = BlackSpotPhoto.objects.get(black_spot=spot)
        with stored.file.open("rb") as handle:
            image = Image.open(io.BytesIO(handle.read()))
            assert image.getexif().get_ifd(GPS_IFD) == {} and dict(image.getexif()) == {}

    def test_a_bad_photo_refuses_the_whole_declaration(self, units: Units) -> None:
        with pytest.raises(InvalidInput) as refused:
            declare(photos=[photo_with_gps(), b"not a photo"])
        assert list(refused.value.fields) == ["photos"]
        assert not BlackSpot.objects.exists() and not BlackSpotPhoto.objects.exists()


class TestAnswer:
    def test_the_responsible_unit_plans_an_action(self, units: Units) -> None:
        spot = declare()
        annex = officer_of("annex-north")
        planned = timezone.localdate() + dt.timedelta(days=10)
        given = answer(annex, spot, "action-planned", text="دورية يومية", planned_for=planned)
        spot.refresh_from_db()
        assert (spot.status, spot.planned_for, given.unit) == ("action-planned", planned, units.north_annex)
        assert spot.watched_at is None
        entry = AuditEntry.objects.get(action="black_spot.answer")
        assert entry.before == {"status": "declared", "planned_for": None}
        assert entry.after == {"status": "action-planned", "planned_for": planned.isoformat()}

    def test_an_acknowledgement_moves_the_watch_to_the_answer_deadline(self, units: Units) -> None:
        spot = declare()
        answer(officer_of("annex-north"), spot, "acknowledged")
        spot.refresh_from_db()
        assert (spot.watched_at, spot.watched_kind) == (spot.answer_by, "answer")

    def test_the_unit_above_may_answer(self, units: Units) -> None:
        spot = declare()
        assert answer(officer_of("pashalik-city"), spot, "resolved").unit == units.pashalik

    def test_another_unit_is_refused_and_nothing_is_written(self, units: Units) -> None:
        spot = declare()
        with pytest.raises(NotAllowed):
            answer(officer_of("police-city"), spot, "resolved")
        spot.refresh_from_db()
        assert spot.status == "declared" and not BlackSpotAnswer.objects.exists()
        assert not AuditEntry.objects.filter(action="black_spot.answer").exists()

    def test_the_public_cannot_answer(self, units: Units) -> None:
        spot = declare()
        with pytest.raises(NotAllowed):
            black_spot_answer(actor=authority_user(1), viewer=PUBLIC, public_id=spot.public_id, status="resolved")

    @pytest.mark.parametrize(
        ("status", "fields", "field"),
        [
            ("declined", {}, "text"),
            ("action-planned", {}, "planned_for"),
            ("action-planned", {"planned_for": dt.date(2000, 1, 1)}, "planned_for"),
            ("resolved", {"planned_for": dt.date(2100, 1, 1)}, "planned_for"),
            ("declared", {}, "status"),
            ("bogus", {}, "status"),
            ("resolved", {"text": "x" * 2001}, "text"),
        ],
    )
    def test_bad_answers_name_their_field(
        self, units: Units, status: str, fields: dict[str, object], field: str
    ) -> None:
        spot = declare()
        with pytest.raises(InvalidInput) as refused:
            answer(officer_of("annex-north"), spot, status, **fields)
        assert field in refused.value.fields
        assert not BlackSpotAnswer.objects.exists()

    def test_a_closed_black_spot_takes_no_more_answers(self, units: Units) -> None:
        spot = declare()
        annex = officer_of("annex-north")
        answer(annex, spot, "declined", text="ليس من اختصاصنا")
        with pytest.raises(InvalidTransition):
            answer(annex, spot, "resolved")
        assert BlackSpotAnswer.objects.count() == 1

    def test_an_answer_to_a_status_that_changed_meanwhile_is_a_conflict(self, units: Units) -> None:
        spot = declare()
        annex = officer_of("annex-north")
        answer(annex, spot, "acknowledged")
        with pytest.raises(Conflict):
            answer(annex, spot, "resolved", expected_status="declared")


class TestSensitivePlaces:
    def test_a_member_registers_a_school_for_their_association(self, units: Units) -> None:
        member = member_viewer()
        place = make_place(member)
        assert place.association is not None and place.association.slug == "assoc-test" and place.unit is None
        assert place.commune.code == "99.901.03.0"
        assert AuditEntry.objects.filter(action="sensitive_place.register", target_id=str(place.pk)).exists()

    def test_an_officer_of_a_unit_covering_it_registers_it_for_the_unit(self, units: Units) -> None:
        place = make_place(officer_of("pashalik-city"))
        assert place.unit == units.pashalik

    def test_an_officer_elsewhere_and_a_citizen_are_refused(self, units: Units) -> None:
        from django.contrib.auth import get_user_model

        with pytest.raises(NotAllowed):
            make_place(officer_of("caidat-douar"))
        with pytest.raises(NotAllowed):
            make_place(viewer_for(get_user_model().objects.create_user(username="someone")))
        assert not SensitivePlace.objects.exists()

    def test_bad_fields_are_named(self, units: Units) -> None:
        member = member_viewer()
        assert member.user_id is not None
        with pytest.raises(InvalidInput) as refused:
            sensitive_place_register(
                actor=association_member(member.user_id),
                viewer=member,
                kind="casino",
                name_ar="",
                name_fr="x",
                lat=None,
                lon=None,
            )
        assert set(refused.value.fields) == {"kind", "name_ar", "location"}
        assert not SensitivePlace.objects.exists()
