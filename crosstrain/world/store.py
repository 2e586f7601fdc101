"""Writing a world to disk atomically, and reading its description back.

A world folder holds ``parquet/<table>.parquet``, ``csv/<table>.csv`` and
``world.json`` (recipe, seed, versions, row counts, CSV hashes). It is written
into a temporary sibling folder and renamed into place, so a crash or a full
disk never leaves a half-written world where a loader would find it.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from crosstrain.errors import CrosstrainError
from crosstrain.world.columns import MEMORY_POOL
from crosstrain.world.schema import TABLES

INFO_FILE = "world.json"
FORMATS = ("parquet", "csv")
# Tables queued for writing may hold this much memory before ``add`` waits for the oldest.
PENDING_BYTES = 256 * 2**20
# Rows per CSV chunk: each chunk is one call back into Python (to hash and write it).
CSV_BATCH_ROWS = 64 * 1024
# Bytes a Parquet file is written in.
PARQUET_BUFFER_BYTES = 2**20


def check_target(out: Path, force: bool) -> None:
    """Refuse to replace a folder with content unless ``force``; fail early if unwritable."""
    if out.exists() and not out.is_dir():
        raise CrosstrainError(f"{out} exists and is not a folder: choose another output folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise CrosstrainError(f"{out} already exists and is not empty: pass --force to replace it, or choose another folder")
    parent = _existing_parent(out)
    if not os.access(parent, os.W_OK):
        raise CrosstrainError(f"cannot write to {parent}: choose a folder you can write to (--out) or fix its permissions")


class WorldWriter:
    """Writes a world table by table into a temporary folder, renamed into place on success.

    Tables are written as they are made (on a background thread, while the
    generator goes on), so a million-lead world never has to sit in memory whole.
    """

    def __init__(self, out: Path, formats: Iterable[str] = FORMATS, force: bool = False, progress=None):
        self.out = Path(out)
        self.formats = tuple(formats)
        unknown = set(self.formats) - set(FORMATS)
        if unknown or not self.formats:
            raise CrosstrainError(f"unknown format(s) {', '.join(sorted(unknown)) or '(none)'}: choose from {', '.join(FORMATS)}")
        check_target(self.out, force)
        self.progress = progress
        self.hashes: dict[str, str] = {}
        self.rows: dict[str, int] = {}
        self._pending = []

    def __enter__(self) -> WorldWriter:
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.", suffix=".tmp", dir=self.out.parent))
            # mkdtemp makes a private folder; a world is shared (hub users read it), so open it up.
            self.tmp.chmod(0o777 & ~_umask())
            for folder in self.formats:
                (self.tmp / folder).mkdir()
        except OSError as exc:
            raise CrosstrainError(f"cannot write to {self.out.parent} ({exc.strerror}): choose a folder you can write to") from None
        # One writer thread beside the generator's: a second one mostly competed with the
        # generator for two cores, and Parquet's encoders, which allocate from Arrow's default
        # allocator (mimalloc), stay on one thread's heap: a fresh thread's mimalloc arenas
        # cost zeroed huge pages (tens of MB for a few MB of data). The generator thread
        # helps once it has made every table (see _help).
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="world-writer")
        return self

    def add(self, name: str, table: pa.Table) -> None:
        """Queue ``table`` for writing (Parquet and CSV side by side) and return at once,
        unless the tables still queued hold ``PENDING_BYTES``: then wait for the oldest
        first, which keeps memory bounded."""
        self.rows[name] = table.num_rows
        size = table.get_total_buffer_size()
        while self._pending and self._queued_bytes() + size > PENDING_BYTES:
            self._drain(keep=len(self._pending) - 1)  # wait for the oldest
        jobs = [_Job(write, name, table) for write in self._writers()]
        self._pending.append((name, size, [(self._pool.submit(job), job) for job in jobs]))

    def _queued_bytes(self) -> int:
        return sum(size for _, size, _ in self._pending)

    def finish(self, info: dict) -> Path:
        self._help()
        self._drain(keep=0)
        info = dict(info, row_counts=self.rows, csv_sha256=self.hashes, formats=list(self.formats))
        (self.tmp / INFO_FILE).write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        _swap_into_place(self.tmp, self.out)
        return self.out

    def __exit__(self, exc_type, exc, tb) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if exc_type is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _help(self) -> None:
        """Run here the queued writes the writer thread has not started, newest first, while
        it goes on from the oldest: the generator has nothing else to do, and the last
        tables come in a burst."""
        for _, _, writes in reversed(self._pending):
            for i, (future, job) in enumerate(writes):
                if future.cancel():
                    writes[i] = (_run_here(job), job)

    def _drain(self, keep: int) -> None:
        """Wait until at most ``keep`` tables are queued, the oldest done first; a write
        of theirs the writer thread has not started is done here rather than waited for."""
        while len(self._pending) > keep:
            name, _, writes = self._pending.pop(0)
            for future in [_run_here(job) if future.cancel() else future for future, job in writes]:
                digest = future.result()
                if digest is not None:
                    self.hashes[name] = digest
            if self.progress is not None:
                self.progress.update(1)

    def _writers(self):
        return [w for fmt, w in (("parquet", self._write_parquet), ("csv", self._write_csv)) if fmt in self.formats]

    def _write_parquet(self, name: str, table: pa.Table) -> None:
        """Write the Parquet file through a buffer: unbuffered, Parquet makes two system calls
        (a write and a seek) for every page header and page, hundreds per file."""
        with pa.OSFile(str(self.tmp / "parquet" / f"{name}.parquet"), "wb") as raw, \
                pa.BufferedOutputStream(raw, PARQUET_BUFFER_BYTES, memory_pool=MEMORY_POOL) as sink:
            pq.write_table(table, sink, compression="snappy", use_dictionary=dictionary_columns(name),
                           write_statistics=statistics_columns(name), memory_pool=MEMORY_POOL)

    def _write_csv(self, name: str, table: pa.Table) -> str:
        """Write the CSV, hashing it on the way out rather than reading the file back."""
        with open(self.tmp / "csv" / f"{name}.csv", "wb") as handle:
            hashing = _HashingWriter(handle)
            pacsv.write_csv(table, pa.PythonFile(hashing, mode="w"), pacsv.WriteOptions(batch_size=CSV_BATCH_ROWS),
                            memory_pool=MEMORY_POOL)
        return hashing.digest.hexdigest()


class _Job:
    """One table's write in one format, run by the writer thread or by ``WorldWriter._help``."""

    def __init__(self, write, name: str, table: pa.Table):
        self.write, self.name, self.table = write, name, table

    def __call__(self):
        table, self.table = self.table, None  # the queue outlives the write: let the table go
        return self.write(self.name, table)


def _run_here(job: _Job) -> Future:
    """Run ``job`` in this thread; its result (or error) in a finished future."""
    future = Future()
    try:
        future.set_result(job())
    except Exception as exc:  # raised when drained, like a writer thread's
        future.set_exception(exc)
    return future


class _HashingWriter:
    """A write-only file that hashes what passes through it."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.closed = False

    def write(self, data) -> int:
        self.digest.update(data)
        return self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()

    def close(self) -> None:
        self.closed = True


def release_memory() -> None:
    """Give freed memory back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    A step frees hundreds of MB of arrays, but glibc keeps freed blocks under 32 MB
    (a million-lead column is 8 MB) in its heaps and the writer thread's arena, so
    without this a large world's peak RSS grew by the garbage of the steps before."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _malloc_trim()


def dictionary_columns(name: str) -> list[str]:
    """The columns of table ``name`` worth dictionary-encoding in Parquet: those whose
    values repeat (categories, foreign keys, counts). A table's own ids, times and
    amounts are (nearly) all distinct, so hashing them for a dictionary is wasted work."""
    table = TABLES[name]
    own_id = table.id_column if table.id_prefix else None
    return [column for column, kind in table.columns.items()
            if column != own_id and kind not in ("datetime", "float") and column not in DISTINCT.get(name, ())]


def statistics_columns(name: str) -> list[str]:
    """The columns of table ``name`` given min/max statistics in Parquet: ids, times and
    numbers, which a reader may filter on. The min and max of names, emails, note text or
    category labels prune nothing, and comparing every string for them cost a tenth of
    writing the Parquet files."""
    return [column for column, kind in TABLES[name].columns.items() if kind != "str"]


# Columns other than ids whose values are distinct by construction (unique names, emails,
# one deal per lead), so they are not worth a dictionary either.
DISTINCT = {"accounts": ("name", "domain"), "contacts": ("email",), "leads": ("contact_id", "email"),
            "opportunities": ("lead_id",), "users": ("email",)}


def read_info(path: Path) -> dict:
    """The ``world.json`` of a world folder, or a one-line error saying how to get one."""
    file = Path(path) / INFO_FILE
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CrosstrainError(f"{path} is not a generated world (no {INFO_FILE}): generate one with `crosstrain data generate`") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise CrosstrainError(f"{file} is damaged: regenerate the world with `crosstrain data generate --force`") from None


def _swap_into_place(tmp: Path, out: Path) -> None:
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
        try:
            os.rename(tmp, out)
        except OSError:
            os.rename(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        try:
            os.rename(tmp, out)
        except OSError:
            # Another process finished the same world first: keep theirs.
            if (out / INFO_FILE).is_file():
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _existing_parent(path: Path) -> Path:
    path = path.resolve()
    while not path.exists():
        path = path.parent
    return path

