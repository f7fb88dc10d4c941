import pytest

from newsloom.errors import BinaryInputError, EmptyInputError, InputError
from newsloom.sources.decode import decode
from newsloom.sources.document import make_document

TEXT = "Le président a rencontré à Genève son homologue, a indiqué l’Élysée."


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.replace("’", "'").encode("cp1252"), "cp1252"),
])
def test_decodes_common_encodings(data, encoding):
    text, enc = decode(data, "x.txt")
    assert enc == encoding
    assert "Genève" in text


def test_invalid_utf8_bytes_are_replaced_not_fatal():
    text, enc = decode(TEXT.encode("utf-8") + b"\xff more text " + TEXT.encode("utf-8"), "x.txt")
    assert "Genève" in text and "\ufffd" in text


@pytest.mark.parametrize("data, error", [(b"", EmptyInputError), (b"  \n\t ", EmptyInputError),
                                         (bytes(range(256)) * 10, BinaryInputError),
                                         (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, BinaryInputError)])
def test_bad_input_names_the_document(data, error):
    with pytest.raises(error) as exc:
        decode(data, "bad/input.bin")
    assert "bad/input.bin" in str(exc.value)


def test_too_large_input_is_refused_with_its_name():
    with pytest.raises(InputError, match="huge.txt: too large"):
        decode(b"a" * (21 * 1024 * 1024), "huge.txt")


def test_html_is_detected():
    doc = make_document(b"<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>")
    assert doc.format == "html"
    assert make_document(TEXT.encode()).format == "text"
