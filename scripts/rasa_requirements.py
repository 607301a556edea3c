"""Turn the Rasa 3.6 wheel's declared requirements into a pip requirements list for Python 3.11.

Rasa 3.6 declares Python <3.11, so its `python_version < "3.11"` markers are evaluated as if the
interpreter were 3.10, and matplotlib is raised to a release that ships Python 3.11 wheels.
Used only to regenerate `requirements/rasa.lock`; installs read the lock file.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from packaging.requirements import Requirement

OVERRIDES = {"matplotlib": "matplotlib>=3.6,<3.8"}
ENVIRONMENT = {"python_version": "3.10", "python_full_version": "3.10.13", "extra": ""}


def declared(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        lines = archive.read(meta).decode().splitlines()
    return [Requirement(line.split(":", 1)[1].strip()) for line in lines if line.startswith("Requires-Dist:")]


def main(wheels: list[str]) -> None:
    seen: dict[str, str] = {}
    for wheel in wheels:
        for req in declared(Path(wheel)):
            if req.marker and not req.marker.evaluate(ENVIRONMENT):
                continue
            name = req.name.lower()
            if name in {"rasa", "rasa-sdk"}:
                continue
            extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
            seen.setdefault(name, OVERRIDES.get(name, f"{req.name}{extras}{req.specifier}"))
    print("\n".join(sorted(seen.values(), key=str.lower)))


if __name__ == "__main__":
    main(sys.argv[1:])
