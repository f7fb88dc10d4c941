"""The README's Accuracy and Speed sections are what the script renders from the stored figures."""
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_sections_are_current():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = json.loads(mod.ACCURACY.read_text("utf-8"))
    res = json.loads(mod.SPEED.read_text("utf-8"))
    readme = mod.README.read_text("utf-8")
    assert mod.render(readme, rows, res) == readme, "run: python scripts/update_readme.py"
    assert "## Accuracy" in readme and "## Speed" in readme
