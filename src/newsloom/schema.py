"""The record (`newsloom.record/1`): the contract between stages and with users.

Offsets are Python string indices (code points) into `Record.text`, end
exclusive. Every extracted fact carries the span it came from.
"""
from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "newsloom.record/1"

EntityType = Literal["PERSON", "ORG", "PLACE", "FACILITY", "GROUP", "WORK", "EVENT", "PRODUCT", "MISC"]
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    uri: str | None = None
    format: str = "text"
    fetched_at: str | None = None


class Language(_Model):
    code: str = Field(description="ISO 639-1 code, or 'und' when unknown")
    confidence: float = 0.0


class Heading(_Model):
    text: str
    start: int
    end: int


class Removed(_Model):
    text: str
    reason: str
    line: int = Field(description="1-based line number in the input text")


class Role(_Model):
    title: str
    of: str | None = None
    start: int
    end: int


class Geo(_Model):
    lat: float
    lon: float
    source_id: str | None = Field(default=None, description="e.g. 'geonames:5879400'; a first-level region by its GeoNames admin1 key, 'geonames:ES.51'")
    admin1: str | None = None
    timezone: str | None = None
    kind: str | None = Field(default=None, description="city | admin2 | admin1 | country, or 'near' for a place put at a nearby one")


class Entity(_Model):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = []
    mentions: list[tuple[int, int]] = []
    roles: list[Role] = []
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    geo: Geo | None = None
    salience: float = 0.0


class TimeExpr(_Model):
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str | None = Field(default=None, description="ISO 8601 / TimeML value, as precise as the text")
    granularity: str | None = Field(default=None, description="how precise the value is: year, month, week, day, "
                                       "hour, minute, second; or the part of the day a date is narrowed to "
                                       "(morning, midday, afternoon, evening, night, daytime)")
    utc: str | None = None


class Amount(_Model):
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None


class Quote(_Model):
    text: str
    start: int
    end: int
    speaker: str | None = Field(default=None, description="entity id")
    speaker_text: str | None = None
    verb: str | None = None
    kind: Literal["direct", "partial", "indirect"] = "direct"


class Event(_Model):
    type: PloverType
    mode: str | None = None
    source: list[str] = []
    target: list[str] = []
    place: str | None = None
    time: int | None = Field(default=None, description="index into Record.times")
    start: int
    end: int
    text: str = ""
    status: Literal["asserted", "planned", "hypothetical", "negated"] = "asserted"
    confidence: float = 0.5


class Topic(_Model):
    code: str
    label: str
    score: float


class Coverage(_Model):
    ran: list[str] = []
    skipped: dict[str, str] = Field(default_factory=dict, description="stage -> why it did not run")


class Record(_Model):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    id: str
    source: Source = Source()
    published: str | None = None
    language: Language = Language(code="und")
    title: str | None = None
    text: str = ""
    headings: list[Heading] = []
    removed: list[Removed] = []
    entities: list[Entity] = []
    times: list[TimeExpr] = []
    amounts: list[Amount] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    topics: list[Topic] = []
    coverage: Coverage = Coverage()
    errors: list[str] = []

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def json_schema() -> dict:
    """The JSON Schema of a record."""
    return Record.model_json_schema(by_alias=True)
