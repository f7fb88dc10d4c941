"""Clock times ("11 h 30 heure locale", "3 p.m. EDT"): hour, minute, zone, UTC.

A clock time gets its date from the sentence around it (see `times`); its zone
word means an IANA zone, a fixed offset, or LOCAL, the zone of the place the
article is about (`tz_hint`). A time with no zone word keeps its value as written
and gets its UTC instant from that zone too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsloom.extract.time_grammar import TimeGrammar
from newsloom.extract.time_normalize import Norm, parse_int

_OFFSET = re.compile(r"^([+-])(\d\d):(\d\d)$")


@dataclass(frozen=True)
class Clock:
    """A time of day still waiting for its date (taken from the sentence)."""

    hour: int
    minute: int
    second: int | None
    zone: str | None  # IANA name, "+HH:MM", "LOCAL" or None
    explicit_minute: bool



def clock(groups: dict, grammar: TimeGrammar) -> Clock | None:
    """Hour, minute and zone of a clock-time match (its date comes later)."""
    word = grammar.lookup("clock_words", groups.get("clockword"))
    if word:
        hour, minute = (int(x) for x in str(word).split(":"))
        explicit = True
    else:
        hour = parse_int(groups.get("hour"))
        minute = parse_int(groups.get("minute")) or 0
        explicit = groups.get("minute") is not None
        if hour is None:
            return None
    ampm = grammar.lookup("ampm", groups.get("ampm"))
    if ampm == "PM" and hour < 12:
        hour += 12
    elif ampm == "AM" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    zone = grammar.zone(groups.get("zone") or groups.get("pzone"))
    return Clock(hour, minute, parse_int(groups.get("second")), zone, explicit)


def tzinfo_for(zone: str | None, tz_hint: str | None):
    """A tzinfo for a zone word's meaning; None when unknown."""
    if zone == "LOCAL":
        zone = tz_hint
    if not zone:
        return None
    m = _OFFSET.match(zone)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def clock_norm(c: Clock, day: date | None, tz_hint: str | None) -> tuple[Norm, str | None]:
    """The value of a clock time on `day` and its UTC instant when the zone is known."""
    granularity = "second" if c.second is not None else "minute" if c.explicit_minute else "hour"
    tz = tzinfo_for(c.zone, tz_hint)
    if day is None:
        return Norm("TIME", f"XXXX-XX-XXT{c.hour:02d}:{c.minute:02d}", granularity), None
    if tz is None:
        sec = f":{c.second:02d}" if c.second is not None else ""
        value = f"{day.isoformat()}T{c.hour:02d}:{c.minute:02d}{sec}"
        local_tz = tzinfo_for("LOCAL", tz_hint) if c.zone is None else None
        if local_tz is None:
            return Norm("TIME", value, granularity), None
        # no zone written: the time is read in the zone of the place the article is about ("a las 10.00
        # horas" in a story from Madrid is 10:00+01:00), the value with its offset as the instant
        local = datetime(day.year, day.month, day.day, c.hour, c.minute, c.second or 0, tzinfo=local_tz)
        return (Norm("TIME", local.isoformat(timespec="seconds"), granularity),
                local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    local = datetime(day.year, day.month, day.day, c.hour, c.minute, c.second or 0, tzinfo=tz)
    utc = local.astimezone(timezone.utc)
    return (Norm("TIME", local.isoformat(timespec="seconds"), granularity),
            utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
