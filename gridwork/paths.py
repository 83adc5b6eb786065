"""Where Gridwork keeps what it fetches and runs on this machine (GRIDWORK_STATE_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
STATE_DIR = Path(os.environ.get("GRIDWORK_STATE_DIR", PROJECT_ROOT / ".gridwork"))
