"""The README's quick start is what CI runs, and its sample exists."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, re.S)


def test_quick_start_is_exactly_two_commands():
    cmds = quick_start()
    assert len(cmds) == 2 and all("\n" not in c for c in cmds)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    test_cmd = quick_start()[1]
    assert test_cmd.replace(" -q", "") in ci.replace(" -q", "")


def test_the_sample_of_the_first_command_is_shipped():
    path = re.search(r"analyze (\S+)", quick_start()[0]).group(1)
    assert (ROOT / path).is_file()
