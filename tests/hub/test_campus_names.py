"""Campus hub sign-in names and the first-use check, without a running hub (tests/browser/test_campus_hub.py runs one)."""

from __future__ import annotations

import asyncio
import dbm
import re
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.hub.campus import CampusAuthenticator
from course.hub.usernames import MAX_NAME, normalise, problem, read_allow_list, system_name

SAFE_SYSTEM_NAME = re.compile(r"[a-z_][a-z0-9_.-]{0,31}")  # what useradd takes without complaint, never all digits


@pytest.mark.parametrize(
    ("typed", "name"),
    [("2023010045", "2023010045"), ("  Ani.Lestari ", "ani.lestari"), ("21/478123/SP/12345", "21-478123-sp-12345"), ("budi_s", "budi_s")],
)
def test_student_numbers_and_campus_logins_are_normalised(typed, name):
    assert normalise(typed) == name and problem(name) is None
    assert system_name(name) == f"jupyter-{name}"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "hub.name_empty"),
        ("ani lestari", "hub.name_characters"),
        ("../../etc", "hub.name_characters"),
        ("-rf", "hub.name_characters"),
        ("ani$", "hub.name_characters"),
        ("ani..b", "hub.name_characters"),
        ("ani\n", None),  # surrounding white space is dropped
        ("a" * (MAX_NAME + 1), "hub.name_too_long"),
        ("ani;id", "hub.name_characters"),
        ("ÄNI", "hub.name_characters"),
    ],
)
def test_unsafe_names_are_refused_with_a_reason(typed, reason):
    assert problem(normalise(typed)) == reason
    if reason:
        with pytest.raises(ValueError, match="not a safe hub user name"):
            system_name(normalise(typed))


@given(st.text(max_size=60))
def test_any_accepted_name_is_a_safe_system_user_name(typed):
    name = normalise(typed)
    if problem(name) is None:
        account = system_name(name)
        assert SAFE_SYSTEM_NAME.fullmatch(account) and len(account) <= 32 and not account.isdigit()
        assert "/" not in name and name == normalise(name)


def test_the_allow_list_is_read_normalised_and_checked(tmp_path):
    allowed = tmp_path / "allowed.txt"
    allowed.write_text("\ufeff# class A\n2023010045\n Ani.Lestari  # the class rep\n\n", encoding="utf-8")
    assert read_allow_list(allowed) == {"2023010045", "ani.lestari"}
    allowed.write_text("ani\nbudi santoso\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"allowed.txt, line 2: 'budi santoso' is not a usable name"):
        read_allow_list(allowed)
    with pytest.raises(ValueError, match="cannot read the allow list"):
        read_allow_list(tmp_path / "missing.txt")


def sign_in(auth: CampusAuthenticator, user: str, password: str) -> tuple[str | None, str]:
    handler = SimpleNamespace(custom_login_error="")
    # In its own thread: an earlier test of the run (a browser session) may leave an event loop running in this one.
    with ThreadPoolExecutor(1) as worker:
        name = worker.submit(asyncio.run, auth.authenticate(handler, {"username": user, "password": password})).result()
    return name, handler.custom_login_error


def test_the_first_sign_in_sets_the_password_and_later_ones_need_it(tmp_path):
    auth = CampusAuthenticator(dbm_path=str(tmp_path / "passwords.dbm"), min_password_length=8, allowed_users={"ani", "2023010045"})
    assert sign_in(auth, "Ani", "short") == (None, "Password too short! Please choose a password at least 8 characters long.")
    assert sign_in(auth, "Ani", "first-password")[0] == "ani"
    assert sign_in(auth, "ani", "another-password")[0] is None, "a wrong password after the first sign-in"
    assert sign_in(auth, " ANI ", "first-password")[0] == "ani"
    assert sign_in(auth, "2023010045", "nim-password")[0] == "2023010045"
    with dbm.open(str(tmp_path / "passwords.dbm")) as db:
        stored = {key.decode(): db[key] for key in db.keys()}  # noqa: SIM118 - dbm objects are not iterable
    assert set(stored) == {"ani", "2023010045"}
    assert all(value.startswith(b"$2") and b"password" not in value for value in stored.values()), "bcrypt hashes, not passwords"


def test_names_off_the_allow_list_or_unsafe_never_get_a_password(tmp_path):
    auth = CampusAuthenticator(dbm_path=str(tmp_path / "passwords.dbm"), allowed_users={"ani"}, admin_users={"dosen"})
    assert sign_in(auth, "mallory", "a-long-password") == (None, "")
    name, message = sign_in(auth, "ani lestari", "a-long-password")
    assert name is None and "Use only letters, digits" in message and "Gunakan hanya huruf, angka" in message
    assert sign_in(auth, "dosen", "lecturer-password")[0] == "dosen", "the lecturer (admin) may sign in"
    with dbm.open(str(tmp_path / "passwords.dbm")) as db:
        assert [key.decode() for key in db.keys()] == ["dosen"]  # noqa: SIM118
    assert not auth.validate_username("ani lestari") and auth.validate_username("2023010045")
