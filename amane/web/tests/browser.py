"""Where the browser tests find their browser and their in-page tools."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed")

# Installed from the npm registry by `make test` (package.json); never served to visitors.
AXE_CORE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
needs_axe_core = pytest.mark.skipif(not AXE_CORE.exists(), reason="axe-core is not installed (make test installs it)")
