"""Nu HTML Checker (vnu, from npm vnu-jar) on every generated page: zero errors."""

import shutil
import subprocess

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(built_site):
    java = shutil.which("java")
    assert java, "Java is missing: run `make test`, which installs it"
    assert VNU.exists(), "vnu-jar is missing: run `make test`, which runs `npm ci`"
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu",
                             str(built_site)], capture_output=True, text=True, timeout=600)
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert result.returncode == 0 and errors == [], "\n".join(errors[:40])
