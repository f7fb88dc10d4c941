"""Bytes to text: encodings, byte-order marks, binary input."""
from __future__ import annotations

from newsloom.errors import BinaryInputError, EmptyInputError, InputError

MAX_BYTES = 20 * 1024 * 1024  # no news article is larger; bigger inputs are refused, not truncated silently


def _looks_utf16(data: bytes) -> str | None:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return "utf-16"
    sample = data[:2000]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
            return "utf-16-le"
        if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
            return "utf-16-be"
    return None


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding). Raises InputError with the reason."""
    if len(data) > MAX_BYTES:
        raise InputError(name, f"too large ({len(data) // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB)")
    if not data.strip():
        raise EmptyInputError(name, "empty input, no text to analyze")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    utf16 = _looks_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace").lstrip("\ufeff")
        return text, utf16
    sample = data[:8192]
    if b"\x00" in sample:
        raise BinaryInputError(name, "binary data, not text (NUL bytes found)")
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > 0.05 * len(sample):
        raise BinaryInputError(name, "binary data, not text (control bytes found)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few bad bytes: keep UTF-8 and mark the bad bytes.
    strict_bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if strict_bad and strict_bad < max(3, len(data) // 2000) and _has_utf8_multibyte(data):
        return data.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)"
    return data.decode("cp1252", errors="replace"), "cp1252"


def _has_utf8_multibyte(data: bytes) -> bool:
    text = data.decode("utf-8", errors="ignore")
    return any(ord(c) > 127 for c in text)
