"""
A meeting as an iCalendar file (RFC 5545), for an association's calendar application.

Plain values in, bytes out: no Django here. The UID stays the same for the life of a
meeting, so that a calendar that imported it once updates the same event when the file is
opened again (a new time, a cancellation) instead of adding a second one.
"""

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event

PRODUCT = "-//Amane//Consultation meetings//AR-FR"


@dataclass(frozen=True)
class CalendarMeeting:
    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    description: str
    location: str
    # When the meeting was last changed: DTSTAMP, and SEQUENCE's source.
    changed_at: dt.datetime
    cancelled: bool = False
    lat: float | None = None
    lon: float | None = None
    url: str = ""
    sequence: int = 0


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("Meeting times are aware datetimes.")
    return moment.astimezone(dt.UTC)


def meeting_calendar(meeting: CalendarMeeting, *, language: str) -> bytes:
    """Return the iCalendar file of one meeting; `language` is the one its texts are written in."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", _utc(meeting.changed_at))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", meeting.summary, parameters={"language": language})
    event.add("description", meeting.description, parameters={"language": language})
    event.add("location", meeting.location, parameters={"language": language})
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    if meeting.lat is not None and meeting.lon is not None:
        event.add("geo", (meeting.lat, meeting.lon))
    if meeting.url:
        event.add("url", meeting.url)
    calendar.add_component(event)
    return calendar.to_ical()
