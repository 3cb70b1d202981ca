"""Where the shared real data lives: ``../shared/realdata`` beside the checkout, or ``GOVSITE_REALDATA``.

Tests read it in place (its licences are unclear, so it is never copied into the repository) and skip
with that reason when it is absent.
"""

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
REALDATA = Path(os.environ.get("GOVSITE_REALDATA", REPOSITORY.parent / "shared" / "realdata"))
