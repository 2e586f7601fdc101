"""A job's folder holds at most ``Limits.disk`` bytes, however many files the hand-in writes.

Each file is capped by RLIMIT_FSIZE; the folder as a whole by a size-capped tmpfs. A
hand-in writes files of the largest allowed size until writing fails, while the test
measures the job folders from outside: they never hold more than the cap, the hand-in
was stopped near it, its answers are still graded, and it is flagged.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from handins import MODULE, Kit, fresh_course, tiny_world, write_hand_in

from crosstrain.grading.grade import grade
from crosstrain.grading.sandbox import Limits

pytestmark = [pytest.mark.kernel]  # needs root, as in CI: the cap is a tmpfs

MIB = 1024**2
LIMITS = Limits(timeout=60, cell_timeout=30, disk=32 * MIB, file_size=8 * MIB)
FILL = """block = b'x' * {size}
written = 0
try:
    for i in range(100):
        with open(f'fill-{{i}}.bin', 'wb') as f:
            written += f.write(block)
except OSError as exc:
    print('disk full after', written, 'bytes')
n_leads = 0"""


class DiskWatch(threading.Thread):
    """Measures, every 50 ms, the bytes held by every job folder under ``scratch``."""

    def __init__(self, scratch: Path):
        super().__init__(daemon=True)
        self.scratch, self.most, self.seen_job = scratch, 0, False
        self._halt = threading.Event()
        self.start()

    def run(self) -> None:
        while not self._halt.wait(0.05):
            for job in self.scratch.glob("crosstrain-grade-*/job-*"):
                self.seen_job = True
                self.most = max(self.most, _bytes(job))

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.most


def _bytes(folder: Path) -> int:
    total = 0
    for top, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(top, name)).st_blocks * 512
            except OSError:
                pass
    return total


def test_a_job_never_holds_more_than_its_disk_cap(tmp_path):
    course = fresh_course(tmp_path)
    kit = Kit(course)
    nb = kit.solved()
    kit.answer(nb, "q1", FILL.format(size=LIMITS.file_size))
    hand_ins = tmp_path / "hand-ins"
    write_hand_in(hand_ins, "filler", {kit.name: nb})
    scratch = Path(tempfile.mkdtemp(prefix="ct-disk-"))  # short: kernel sockets live in the job folder
    watch = DiskWatch(scratch)
    try:
        with tiny_world():
            summary = grade(MODULE, hand_ins, course_root=course, workers=1, progress=False, limits=LIMITS,
                            scratch=scratch)
    finally:
        most = watch.stop()
        left = list(scratch.iterdir())
        shutil.rmtree(scratch, ignore_errors=True)

    assert watch.seen_job
    assert most <= LIMITS.disk
    text = (course / "autograded" / "filler" / MODULE / f"{MODULE}.ipynb").read_text(encoding="utf-8")
    written = int(text.split("disk full after ", 1)[1].split(" bytes", 1)[0])
    assert LIMITS.disk - 2 * LIMITS.file_size <= written <= LIMITS.disk
    result = summary.results[0]
    assert any(f.startswith("disk limit: the job filled its 32 MB folder") for f in result.flags), result.flags
    assert left == []  # the job folder, its mount and the batch's scratch folder are gone
