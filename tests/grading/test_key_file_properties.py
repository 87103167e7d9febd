"""Issue 20, point 7, as properties: no sequence of releases changes what an earlier one recorded; no key file or
record a student or a spreadsheet can make breaks reading the keys or picks an order from outside them."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.errors import CourseError
from course.grading.keyfile import KeyFile, KeyFileError, parse_key_file, version_of
from course.grading.keys import AMBIGUOUS, ReleaseKey, _key_for, read_keys
from course.intake.submissions import Submission

EXERCISES = ["03-a", "03-b", "03-c", "04-a"]
OPTION_KEYS = ["p", "q", "r", "s", "t"]


@st.composite
def a_release(draw):
    """What one release shows: some exercises, each with options in some order and an item of some version."""
    shown = draw(st.lists(st.sampled_from(EXERCISES), min_size=1, max_size=4, unique=True))
    orders, items = {}, {}
    for exercise_id in shown:
        keys = draw(st.lists(st.sampled_from(OPTION_KEYS), min_size=2, max_size=5, unique=True))
        orders[exercise_id] = {"options": draw(st.permutations(keys))}
        items[exercise_id] = {"id": exercise_id, "type": "single", "edit": draw(st.integers(0, 2)), "keys": sorted(keys)}
    return orders, items, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(a_release(), min_size=1, max_size=8), st.booleans())
def test_no_sequence_of_releases_changes_what_an_earlier_release_showed(releases, starts_in_format_1):
    (orders, items, _reuse), rest = releases[0], releases[1:]
    if starts_in_format_1:  # a key file written before versions: orders only
        keyfile = parse_key_file({"format": 1, "release": "000001", "lessons": ["03"], "orders": orders}, "old.json")
        seen = {"000001": {ex: (order, None) for ex, order in orders.items()}}
    else:
        keyfile = KeyFile.first("000001", "1.0", ["03"], orders, items)
        seen = {"000001": {ex: (orders.get(ex), version_of(item)) for ex, item in items.items()}}
    for number, (orders, items, reuse) in enumerate(rest, start=2):
        before = keyfile.newest.release
        release_id, changed = keyfile.add(f"{number:06d}", "1.0", ["03"], orders, items, reuse=reuse)
        assert release_id == (before if reuse and not changed else f"{number:06d}")
        recorded = seen.setdefault(release_id, {})
        for ex, item in items.items():
            order, version = recorded.get(ex, (None, None))
            recorded[ex] = (order or orders.get(ex), version or version_of(item))
        for issued in keyfile.releases:
            for ex, (order, version) in seen[issued.release].items():
                assert issued.orders.get(ex) == order, "an order a release showed is never changed or dropped"
                assert version is None or issued.versions.get(ex) == version, "a version a release showed is never changed"
        for ex, item in items.items():  # the release just made reads each answer through what it showed
            issued = next(i for i in keyfile.releases if i.release == release_id)
            assert issued.orders[ex] == orders[ex] and keyfile.items[issued.versions[ex]] == item
    again = parse_key_file(json.loads(keyfile.text()), "again.json")
    assert [i.as_json() for i in again.releases] == [i.as_json() for i in keyfile.releases] and again.items == keyfile.items


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=6) | st.sampled_from(["000001", "03-quiz-a", "single", "a" * 24]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["release", "orders", "options", "id", "type", "x"]), inner, max_size=3)
    ),
    max_leaves=12,
)


@st.composite
def a_hostile_key_file(draw):
    data = {
        "format": draw(st.sampled_from([1, 2, 3, "2"])),
        "release": draw(st.sampled_from(["000001", "ABC", 7])),
        "orders": draw(st.sampled_from([{}, {"03-a": {"options": ["p", "q"]}}, {"03-a": []}, {"03-a": {"options": ["p", "p"]}}])),
        "releases": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "release": st.sampled_from(["000001", "000002"]),
                        "orders": st.just({}),
                        "versions": st.dictionaries(st.sampled_from(EXERCISES), st.sampled_from(["a" * 24, "b" * 24, "zz"]), max_size=2),
                    }
                ),
                max_size=3,
            )
        ),
        "items": draw(
            st.dictionaries(
                st.sampled_from(["a" * 24, "b" * 24]),
                JSON
                | st.fixed_dictionaries(
                    {"id": st.sampled_from(EXERCISES), "type": st.sampled_from(["single", "code", "text", "bogus"])},
                    optional={
                        "options": JSON,
                        "question": JSON,
                        "answer": JSON,
                        "solution": st.sampled_from(["1 +", "__import__('os')", "len('ab')"]),
                    },
                ),
                max_size=2,
            )
        ),
    }
    for field in draw(st.lists(st.sampled_from(list(data)), max_size=2)):
        data.pop(field, None)
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(a_hostile_key_file())
def test_a_hostile_key_file_is_refused_in_one_line_or_read(tmp_path_factory, data):
    path = Path(tmp_path_factory.mktemp("k")) / "quiz.key-000001.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        keys = read_keys([path])
    except CourseError as error:
        assert isinstance(error, (KeyFileError, CourseError)) and "\n" not in str(error) and str(path) in str(error)
    else:
        assert all(isinstance(k, ReleaseKey) for k in keys.values())


RELEASES = {
    "000001": ReleaseKey("000001", {"03-a": {"options": ["p", "q", "r"]}, "03-b": {"options": ["q", "p"]}}),
    "000002": ReleaseKey("000002", {"03-a": {"options": ["r", "q", "p", "s"]}, "03-b": {"options": ["p", "q"]}}),
}
RECORD_RELEASES = st.sampled_from([None, "000001", "000002", "ffffff", "", 3, ["000001"]])


@settings(max_examples=400, deadline=None)
@given(
    stamp=st.sampled_from([None, "000001", "000002", "ffffff"]),
    records=st.dictionaries(
        st.sampled_from(["03-a", "03-b", "03-c"]),
        st.fixed_dictionaries({"release": RECORD_RELEASES, "mode": st.sampled_from(["assessment", "practice", None])}),
        max_size=3,
    ),
    given_keys=st.sampled_from([["000001"], ["000002"], ["000001", "000002"], []]),
)
def test_a_record_can_only_choose_among_the_orders_given(stamp, records, given_keys):
    keys = {r: RELEASES[r] for r in given_keys}
    sub = Submission(Path("x.ipynb"), "s", release=stamp, readable=True, records=records)
    chosen = _key_for(sub, keys)
    if stamp is not None:
        assert (chosen is None) == (stamp not in keys)
    if chosen is None or chosen == AMBIGUOUS:
        assert chosen is None or (stamp is None and any(r.get("mode") == "assessment" for r in records.values()))
        return
    for exercise_id, order in chosen.orders.items():
        assert order in [k.orders.get(exercise_id) for k in keys.values()], "an order comes from a release that was given"
        record = records.get(exercise_id, {})
        made_in = record.get("release")
        if record.get("mode") == "assessment" and isinstance(made_in, str) and made_in in keys:
            assert order == keys[made_in].orders[exercise_id], "a record is read through the release it was made in"
