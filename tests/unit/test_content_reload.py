"""Edited content reaches the bot without a restart; a broken edit does not take it down."""

import os
import shutil
from pathlib import Path

from lantern.content import ContentStore

ROOT = Path(__file__).resolve().parents[2]


def _copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "jurisdictions", target / "jurisdictions")
    return target


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_an_edited_answer_is_served_without_a_restart(tmp_path):
    root = _copy_content(tmp_path)
    store = ContentStore(root, check_seconds=0)
    before = store.get().text("shelter", "en").sms
    _edit(
        root / "jurisdictions" / "intl" / "shelter.yml",
        before.split()[0],
        "EDITED",
    )
    assert store.get().text("shelter", "en").sms.startswith("EDITED")


def test_a_broken_edit_keeps_the_last_good_content(tmp_path):
    root = _copy_content(tmp_path)
    store = ContentStore(root, check_seconds=0)
    good = store.get().text("medical", "en")
    _edit(root / "jurisdictions" / "intl" / "medical.yml", "sources:", "sauces:")
    assert store.get().text("medical", "en") == good
