"""newsloom: raw news in any language to structured, source-grounded records."""
from newsloom.errors import InputError, NewsloomError
from newsloom.pipeline import Analyzer, analyze
from newsloom.schema import Entity, Event, Quote, Record, TimeExpr, json_schema

__version__ = "0.1.0"
__all__ = ["Analyzer", "Entity", "Event", "InputError", "NewsloomError", "Quote", "Record", "TimeExpr",
           "analyze", "json_schema", "__version__"]
