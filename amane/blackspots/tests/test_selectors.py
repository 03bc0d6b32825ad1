"""Reads: what each viewer sees, the box, the cursor, the offers, and no query per black spot."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amane.associations.models import Association, AssociationStatus
from amane.authorities.tests.factories import Units, officer_of
from amane.blackspots import selectors
from amane.blackspots.geometry import spot_shape
from amane.blackspots.models import BlackSpot
from amane.blackspots.tests.factories import FAR, NEAR, SPOT_POINT, declare, make_place, member_viewer
from amane.core.errors import InvalidInput, NotFound
from amane.core.viewer import PUBLIC, staff
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db
AROUND = (-7.98, 31.27, -7.96, 31.29)


def ids(page: selectors.Page) -> list[str]:
    return [spot.public_id for spot in page.results]


class TestVisibility:
    def test_the_public_sees_a_verified_associations_black_spot(self, units: Units) -> None:
        spot = declare()
        assert ids(selectors.black_spot_page(viewer=PUBLIC, bbox=AROUND)) == [spot.public_id]

    def test_a_hidden_black_spot_leaves_every_public_read(self, units: Units) -> None:
        spot = declare()
        BlackSpot.objects.filter(pk=spot.pk).update(hidden=True)
        assert ids(selectors.black_spot_page(viewer=PUBLIC, bbox=AROUND)) == []
        assert selectors.black_spots_of_commune(viewer=PUBLIC, commune=spot.commune) == []
        with pytest.raises(NotFound):
            selectors.black_spot_for_viewer(viewer=PUBLIC, public_id=spot.public_id)
        # Staff and the unit that must answer still see it.
        assert selectors.black_spot_for_viewer(viewer=staff(1), public_id=spot.public_id) == spot
        assert selectors.black_spot_for_viewer(viewer=officer_of("annex-north"), public_id=spot.public_id) == spot
        with pytest.raises(NotFound):
            selectors.black_spot_for_viewer(viewer=officer_of("police-city"), public_id=spot.public_id)

    def test_a_suspended_associations_black_spots_leave_public_reads(self, units: Units) -> None:
        spot = declare()
        Association.objects.filter(pk=spot.association_id).update(status=AssociationStatus.SUSPENDED)
        assert ids(selectors.black_spot_page(viewer=PUBLIC, bbox=AROUND)) == []
        with pytest.raises(NotFound):
            selectors.black_spot_for_viewer(viewer=PUBLIC, public_id=spot.public_id)

    def test_linked_confidential_reports_never_show(self, units: Units) -> None:
        report = file_report(category_code="harassment", point=NEAR).report
        spot = declare(report_ids=[report.public_id])
        report.public = False
        report.save(update_fields=["public"])
        seen = selectors.black_spot_for_viewer(viewer=PUBLIC, public_id=spot.public_id)
        assert selectors.linked_reports(seen) == []


class TestBox:
    def test_a_box_takes_the_spots_touching_it_only(self, units: Units) -> None:
        spot = declare()
        assert ids(selectors.black_spot_page(viewer=PUBLIC, bbox=(-7.95, 31.27, -7.93, 31.29))) == []
        assert ids(selectors.black_spot_page(viewer=PUBLIC, bbox=(-7.9705, 31.2795, -7.9695, 31.2805))) == [
            spot.public_id
        ]

    def test_a_polygon_is_found_by_a_box_that_touches_its_edge_only(self, units: Units) -> None:
        area = {
            "type": "Polygon",
            "coordinates": [[[-7.975, 31.275], [-7.965, 31.275], [-7.965, 31.285], [-7.975, 31.285], [-7.975, 31.275]]],
        }
        spot = declare(geometry=area)
        assert ids(selectors.black_spot_page(viewer=PUBLIC, bbox=(-7.966, 31.284, -7.960, 31.290))) == [spot.public_id]

    def test_the_cursor_pages_through_in_public_id_order(self, units: Units) -> None:
        member = member_viewer()
        made = sorted(declare(viewer=member).public_id for _ in range(5))
        first = selectors.black_spot_page(viewer=PUBLIC, bbox=AROUND, limit=2)
        assert ids(first) == made[:2] and first.next_cursor == made[1]
        second = selectors.black_spot_page(viewer=PUBLIC, bbox=AROUND, limit=2, cursor=first.next_cursor)
        third = selectors.black_spot_page(viewer=PUBLIC, bbox=AROUND, limit=2, cursor=second.next_cursor)
        assert ids(second) == made[2:4] and ids(third) == made[4:] and third.next_cursor is None

    def test_a_bad_cursor_is_refused_on_its_field(self, units: Units) -> None:
        with pytest.raises(InvalidInput) as refused:
            selectors.black_spot_page(viewer=PUBLIC, cursor="'; drop")
        assert list(refused.value.fields) == ["cursor"]

    def test_status_and_category_filter(self, units: Units) -> None:
        spot = declare()
        assert ids(selectors.black_spot_page(viewer=PUBLIC, statuses=["declared"])) == [spot.public_id]
        assert ids(selectors.black_spot_page(viewer=PUBLIC, statuses=["resolved"])) == []
        assert ids(selectors.black_spot_page(viewer=PUBLIC, category_codes=["theft"])) == []

    def test_a_page_costs_the_same_queries_whatever_its_size(self, units: Units) -> None:
        member = member_viewer()
        report = file_report(category_code="harassment", point=NEAR).report
        declare(viewer=member, report_ids=[report.public_id])
        with CaptureQueriesContext(connection) as one:
            selectors.black_spot_page(viewer=PUBLIC, bbox=AROUND)
        for _ in range(4):
            declare(viewer=member, report_ids=[report.public_id])
        with CaptureQueriesContext(connection) as five:
            page = selectors.black_spot_page(viewer=PUBLIC, bbox=AROUND)
        assert len(page.results) == 5 and len(five) == len(one)


class TestOffers:
    def test_open_public_reports_near_the_point_are_offered(self, units: Units) -> None:
        near = file_report(category_code="harassment", point=NEAR).report
        file_report(category_code="harassment", point=FAR)
        file_report(category_code="domestic-violence", point=NEAR)
        offered = selectors.report_candidates(shape=spot_shape(SPOT_POINT))
        assert offered == [near]

    def test_places_near_the_point_are_offered_schools_first(self, units: Units) -> None:
        member = member_viewer()
        market = make_place(member, kind="market")
        school = make_place(member, kind="school")
        make_place(member, lat=FAR[0], lon=FAR[1])
        assert selectors.place_candidates(shape=spot_shape(SPOT_POINT)) == [school, market]


def test_the_officers_list_holds_their_units_open_spots(units: Units) -> None:
    spot = declare()
    assert selectors.black_spots_awaiting(viewer=officer_of("annex-north")) == [spot]
    assert selectors.black_spots_awaiting(viewer=officer_of("province-99.901")) == [spot]
    assert selectors.black_spots_awaiting(viewer=officer_of("police-city")) == []
    assert selectors.black_spots_awaiting(viewer=PUBLIC) == []
