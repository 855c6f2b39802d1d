"""Where Companion keeps its files: COMPANION_HOME if set, else the platform's user dirs."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "companion"


@dataclass(frozen=True, slots=True)
class Paths:
    config_dir: Path
    data_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def themes_dir(self) -> Path:
        return self.config_dir / "themes"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @classmethod
    def from_env(cls) -> Paths:
        home = os.environ.get("COMPANION_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(config_dir=root, data_dir=root / "data")
        import platformdirs

        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        )


def shown_path(path: Path) -> str:
    """A path to tell the rep where a file went: `~/…` inside the home folder (shorter on a
    narrow screen), and safe to print (COMPANION_HOME comes from outside: core.words.shown)."""
    from companion.core.words import shown

    try:
        text = f"~/{path.relative_to(Path.home())}"
    except (ValueError, RuntimeError):  # outside the home folder, or no home to find
        text = str(path)
    return shown(text)


def private_dir(path: Path) -> Path:
    """Create `path`, and each missing parent, readable by the user alone (0700 whatever the
    umask: mkdir's own `parents` would give the parents the umask's mode)."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made by another process in the meantime
            folder.mkdir(mode=0o700)
    if not path.is_dir():
        path.mkdir(mode=0o700)  # FileExistsError naming the path that is not a folder
    return path
