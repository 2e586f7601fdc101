"""Copy a whole gradebook to another database, verified row by row before it commits.

``crosstrain gradebook migrate --to postgresql://...`` moves a course's SQLite gradebook
to a shared server; the batch grader also uses ``copy`` to back a PostgreSQL gradebook up
into a SQLite file. Tables come from nbgrader's own SQLAlchemy models and are copied in
foreign-key order in one transaction on the target: a failed check leaves it empty.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from nbgrader.api import Base

from crosstrain.errors import CrosstrainError

#: nbgrader writes this one with raw SQL, outside its models; the formgrader's migrations read it.
ALEMBIC = sa.Table("alembic_version", sa.MetaData(), sa.Column("version_num", sa.String(32), nullable=False))


@dataclass
class Copied:
    """What went across: rows per table, each compared with its source."""

    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def shown(url: str) -> str:
    """A URL fit for a message: no password."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def copy(src_url: str, dest_url: str) -> Copied:
    """Copy every gradebook table from ``src_url`` into the empty database ``dest_url``."""
    src, dest = _engine(src_url), _engine(dest_url)
    tables = [*Base.metadata.sorted_tables, ALEMBIC]
    try:
        with src.connect() as reader, dest.begin() as writer:
            if src.dialect.name == "postgresql":  # one snapshot, though other trainers keep grading
                reader.execution_options(isolation_level="REPEATABLE READ")
            _refuse_non_empty(writer, dest_url, tables)
            Base.metadata.create_all(writer)
            ALEMBIC.create(writer, checkfirst=True)
            present = set(sa.inspect(reader).get_table_names())
            rows = {}
            for table in tables:
                if table.name not in present:
                    continue
                found = [dict(row) for row in reader.execute(sa.select(table)).mappings()]
                if found:
                    writer.execute(table.insert(), found)
                rows[table.name] = len(found)
            for table in tables:
                if table.name in present:
                    _compare(reader, writer, table)
            return Copied(rows)
    except sa.exc.OperationalError as exc:
        raise CrosstrainError(f"cannot copy the gradebook to {shown(dest_url)} ({str(exc.orig).strip().splitlines()[0][:120]}): "
                              "check the server, the database name and the credentials") from None
    finally:
        src.dispose()
        dest.dispose()


def _engine(url: str) -> sa.Engine:
    try:
        return sa.create_engine(url, future=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise CrosstrainError(f"{shown(url)} is not a database URL SQLAlchemy knows ({exc}): use e.g. postgresql://user@host/db") from None


def _refuse_non_empty(con: sa.Connection, url: str, tables: list[sa.Table]) -> None:
    existing = set(sa.inspect(con).get_table_names())
    filled = [t.name for t in tables if t.name in existing and con.execute(sa.select(sa.func.count()).select_from(t)).scalar()]
    if filled:
        raise CrosstrainError(f"the database {shown(url)} already holds a gradebook ({', '.join(filled[:4])} not empty): "
                              "migrate only into an empty database, nothing was copied")


def _compare(reader: sa.Connection, writer: sa.Connection, table: sa.Table) -> None:
    """Every row of ``table`` the same on both sides, matched by primary key (else roll back).

    Sorted here, not by the databases: SQLite and PostgreSQL collate text differently."""
    keys = [c.name for c in table.primary_key.columns] or [c.name for c in table.columns]
    rows = lambda con: sorted((dict(r) for r in con.execute(sa.select(table)).mappings()), key=lambda r: [str(r[k]) for k in keys])  # noqa: E731
    before, after = rows(reader), rows(writer)
    if len(before) != len(after):
        raise CrosstrainError(f"the copy of table {table.name} has {len(after)} rows, the source {len(before)}: nothing was copied")
    for old, new in zip(before, after):
        if old != new:
            raise CrosstrainError(f"table {table.name} differs after the copy (row {old[keys[0]]!r}): nothing was copied")
