"""The command line as a user runs it: a real subprocess."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "newsloom" / "samples" / "geneva_talks.txt"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "newsloom", *args], capture_output=True, text=True, input=stdin,
                          cwd=ROOT, timeout=600)


@pytest.mark.slow
def test_batch_with_bad_inputs_goes_on_and_names_them(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "cp1252.txt").write_bytes("Le ministre français a parlé à Genève mardi soir.".encode("cp1252"))
    (tmp_path / "page.html").write_text("<html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    out = run("analyze", str(tmp_path), str(SAMPLE), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(l) for l in out.stdout.splitlines()]
    assert len(lines) == 3  # cp1252 text, the page with no article (empty record), the sample
    assert "empty.txt: empty input" in out.stderr
    assert "binary.bin.txt: binary data" in out.stderr
    page = next(r for r in lines if r["source"]["format"] == "html")
    assert page["text"] == "" and page["entities"] == []


@pytest.mark.slow
def test_one_input_json_is_one_record_and_markdown_is_a_brief():
    out = run("analyze", str(SAMPLE), "--published", "2025-03-11")
    rec = json.loads(out.stdout)
    assert rec["schema"] == "newsloom.record/1" and rec["language"]["code"] == "en"
    md = run("analyze", "-", "--format", "markdown", stdin=SAMPLE.read_text("utf-8"))
    assert "## Who" in md.stdout and "Marco Rubio" in md.stdout


def test_exit_status_is_non_zero_only_when_nothing_could_be_read(tmp_path):
    out = run("analyze", str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    assert "missing.txt: no such file" in out.stderr


def test_schema_command_prints_the_record_schema():
    out = run("schema")
    schema = json.loads(out.stdout)
    assert schema["title"] == "Record" and "entities" in schema["properties"]
