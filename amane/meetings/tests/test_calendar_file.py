import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from amane.meetings.calendar_file import CalendarMeeting, meeting_calendar

CASABLANCA = ZoneInfo("Africa/Casablanca")


def _meeting(**changes: object) -> CalendarMeeting:
    values: dict[str, object] = {
        "uid": "meeting-abc@amane",
        "starts_at": dt.datetime(2026, 12, 10, 10, 0, tzinfo=CASABLANCA),
        "ends_at": dt.datetime(2026, 12, 10, 12, 0, tzinfo=CASABLANCA),
        "summary": "لقاء تشاوري",
        "description": "المقهى المجاور للمدرسة",
        "location": "مقر الباشوية",
        "changed_at": dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC),
    }
    values.update(changes)
    return CalendarMeeting(**values)  # type: ignore[arg-type]


def _event(body: bytes) -> object:
    calendar = Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_parses_back_with_times_in_utc() -> None:
    event = _event(meeting_calendar(_meeting(), language="ar"))
    start = event["DTSTART"].dt  # type: ignore[index]
    assert start == dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)  # Casablanca is UTC+1
    assert start.utcoffset() == dt.timedelta(0)
    assert event["DTEND"].dt == dt.datetime(2026, 12, 10, 11, 0, tzinfo=dt.UTC)  # type: ignore[index]


def test_texts_and_uid_are_kept() -> None:
    event = _event(meeting_calendar(_meeting(), language="ar"))
    assert str(event["UID"]) == "meeting-abc@amane"  # type: ignore[index]
    assert str(event["SUMMARY"]) == "لقاء تشاوري"  # type: ignore[index]
    assert str(event["LOCATION"]) == "مقر الباشوية"  # type: ignore[index]
    assert str(event["DESCRIPTION"]) == "المقهى المجاور للمدرسة"  # type: ignore[index]
    assert event["SUMMARY"].params["LANGUAGE"] == "ar"  # type: ignore[index]


def test_the_same_meeting_gives_the_same_file() -> None:
    assert meeting_calendar(_meeting(), language="fr") == meeting_calendar(_meeting(), language="fr")


def test_cancelled_and_geo() -> None:
    event = _event(meeting_calendar(_meeting(cancelled=True, lat=30.47, lon=-8.87, sequence=2), language="fr"))
    assert str(event["STATUS"]) == "CANCELLED"  # type: ignore[index]
    assert event["GEO"].latitude == pytest.approx(30.47)  # type: ignore[index]
    assert int(event["SEQUENCE"]) == 2  # type: ignore[index]


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        meeting_calendar(_meeting(starts_at=dt.datetime(2026, 12, 10, 10, 0)), language="ar")
