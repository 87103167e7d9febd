"""The package's face: ``course.__all__`` names exactly the lazily loaded names, and each one loads."""

import course


def test_all_lists_exactly_the_lazy_names():
    assert sorted(course.__all__) == sorted(course._LAZY)


def test_every_name_in_all_loads():
    for name in course.__all__:
        assert getattr(course, name) is not None
