"""The class list: who should have handed in, under which id, name and email.

``grade --roster FILE`` reads a CSV as an LMS exports it (Moodle's participants
or gradebook export, Canvas's gradebook export, a university's list with NIM
and name) or as a lecturer writes it (``id,name,email``). Columns are found by
their names, in English or Indonesian; a Moodle grading worksheet or a Canvas
gradebook export given with ``--moodle-worksheet`` / ``--canvas-gradebook``
serves as the roster when no other is given.

Each submission is matched to one person: by the LMS's own number (Canvas
user id, Moodle participant number), by id, by email, then by name (word order,
case, accents of punctuation and Canvas's squeezed ``lastfirst`` form do not
matter). A match gives the gradebook the roster's id, name and email.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CourseError, Problem
from .layouts import Identity
from .tables import Table, header_index, read_table

ID_COLUMNS = ("student id", "student_id", "nim", "npm", "sis user id", "id number", "nomor induk", "username", "user", "id")
NAME_COLUMNS = ("name", "full name", "nama", "nama lengkap", "student name", "student")
FIRST_COLUMNS = ("first name", "firstname", "given name", "nama depan")
LAST_COLUMNS = ("last name", "lastname", "surname", "nama belakang")
EMAIL_COLUMNS = ("email", "email address", "e-mail", "alamat email", "alamat surel", "surel")
EXTRA_ID_COLUMNS = ("id", "sis user id", "sis login id", "identifier", "id number", "username")
PARTICIPANT = re.compile(r"^\D*?(\d+)$")
SKIP_NAMES = {"points possible", "test student", "student, test"}


@dataclass
class Person:
    """One student on the class list."""

    id: str
    name: str
    email: str = ""
    keys: set[str] = field(default_factory=set)
    participant: str = ""


@dataclass
class Roster:
    """The class list, searchable by any of its ids, email or name."""

    path: Path | None
    people: list[Person] = field(default_factory=list)
    _lookup: dict[tuple[str, str], Person] | None = field(default=None, repr=False)
    _indexed: int = field(default=-1, repr=False)
    _shared: set[tuple[str, str]] = field(default_factory=set, repr=False)
    in_doubt: set[str] = field(default_factory=set)  # ids of namesakes a file may belong to: never listed as handing in nothing

    def match(self, identity: Identity, student: str) -> Person | None:
        """The person a submission belongs to, or None (indexes are built once, so a class of 500 stays fast)."""
        index = self._index()
        for key in (("participant", identity.participant), ("key", identity.canvas_user), ("key", student), ("email", student.casefold())):
            if key[1] and key in index:
                return index[key]
        for name in (identity.name, student):
            for key in (("name", name_key(name)), ("squeezed", squeeze(name))):
                if key[1] and key in index:
                    return index[key]
        return None

    def shared_name(self, identity: Identity, student: str) -> bool:
        """Whether the submission's name belongs to two or more people on the list (so it matches none)."""
        self._index()
        return any(
            key in self._shared for name in (identity.name, student) for key in (("name", name_key(name)), ("squeezed", squeeze(name)))
        )

    def namesakes(self, identity: Identity, student: str) -> list[Person]:
        """The people on the list who share the submission's name (two or more when :meth:`shared_name` is true)."""
        keys = {name_key(identity.name), name_key(student)} - {""}
        return [person for person in self.people if name_key(person.name) in keys]

    def by_id_in(self, people: list[Person], file_name: str) -> Person | None:
        """The one person of ``people`` whose student id (NIM) stands in ``file_name`` as a number of its own, else None."""
        found = [p for p in people if p.id and re.search(rf"(?<![0-9A-Za-z]){re.escape(p.id)}(?![0-9A-Za-z])", file_name)]
        return found[0] if len(found) == 1 else None

    def _index(self) -> dict[tuple[str, str], Person]:
        if self._lookup is None or self._indexed != len(self.people):
            lookup: dict[tuple[str, str], Person] = {}
            shared: set[tuple[str, str]] = set()
            for person in self.people:
                keys = [("participant", person.participant), ("email", person.email.casefold())] + [("key", k) for k in person.keys]
                names = {("name", name_key(person.name)), ("squeezed", squeeze(person.name)), ("squeezed", squeeze_reversed(person.name))}
                for key in [k for k in keys if k[1]] + [k for k in names if k[1]]:
                    if key in lookup and lookup[key] is not person:
                        shared.add(key)  # two people with one name (or id): that key names nobody for sure
                    lookup.setdefault(key, person)
            for key in shared:
                lookup.pop(key, None)
            self._lookup, self._shared, self._indexed = lookup, shared, len(self.people)
        return self._lookup


def name_key(name: str) -> str:
    """A name as a set of words: case, accents, punctuation and order ignored."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(sorted(re.findall(r"[a-z0-9]+", plain)))


def squeeze(name: str) -> str:
    """A name without spaces or punctuation, as Canvas puts it into file names (``Doe, Jane`` -> ``doejane``)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return "".join(re.findall(r"[a-z0-9]+", plain))


def squeeze_reversed(name: str) -> str:
    """``Jane Doe`` squeezed family name first (``doejane``), as Canvas's sortable name gives it."""
    if "," in name:
        return squeeze(name)
    words = name.split()
    return squeeze(" ".join(words[-1:] + words[:-1])) if len(words) > 1 else squeeze(name)


FIX = "give a CSV with a header row naming an id column (e.g. 'id' or 'NIM'), a name column and, if you have it, an email column"


def read_roster(path: Path) -> Roster:
    """The roster in ``path``; a one-line :class:`CourseError` when it has no usable columns."""
    return roster_from_table(read_table(path, "a roster", FIX))


def roster_from_table(table: Table) -> Roster:
    """People from a table with a header row (a roster, a Moodle worksheet or a Canvas export)."""
    header, rows = table.rows[0], table.rows[1:]
    ids = [i for i in (header_index(header, c) for c in ID_COLUMNS) if i is not None]
    extra = [i for i in (header_index(header, c) for c in EXTRA_ID_COLUMNS) if i is not None]
    name_at = header_index(header, *NAME_COLUMNS)
    first_at, last_at = header_index(header, *FIRST_COLUMNS), header_index(header, *LAST_COLUMNS)
    email_at = header_index(header, *EMAIL_COLUMNS)
    identifier_at = header_index(header, "identifier", "pengenal")
    if not ids and name_at is None and first_at is None and email_at is None and identifier_at is None:
        raise CourseError(Problem(str(table.path), "has no column for ids, names or emails in its first row", FIX))
    roster = Roster(table.path)
    for row in rows:
        cell = lambda at, row=row: row[at].strip() if at is not None and at < len(row) else ""  # noqa: E731
        name = cell(name_at) or " ".join(p for p in (cell(first_at), cell(last_at)) if p)
        if name.casefold() in SKIP_NAMES:
            continue
        email = cell(email_at)
        keys = {cell(i) for i in ids + extra} - {""}
        primary = next((cell(i) for i in ids if cell(i)), "") or email or name or cell(identifier_at)
        if not primary:
            continue
        participant = ""
        if identifier_at is not None:
            found = PARTICIPANT.match(cell(identifier_at))
            participant = found.group(1) if found else ""
        roster.people.append(Person(primary, name, email, keys | {primary}, participant))
    return roster
