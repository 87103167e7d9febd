"""Natural answers to ``03-accountability-where`` earn both keyword points (round-25 review, ID 03-M2).

Indonesian administrative prose puts the process argument in the passive (*diukur*, *dilaporkan*) and the value
argument in the negative (*tanpa integritas*); the negation rule must not discard an argument that is made by
naming what is missing.
"""

from __future__ import annotations

import pytest

from course.model.bank import find_bank

ITEM = find_bank("03").get("03-accountability-where")


@pytest.mark.parametrize(
    "text",
    [
        "Akuntabilitas termasuk proses karena kinerja instansi direncanakan, diukur, dan dilaporkan setiap tahun. Tanpa"
        " integritas, laporan kinerja hanya formalitas.",
        "Akuntabilitas adalah proses karena capaian kinerja dievaluasi dan diaudit. Namun laporan itu tidak berarti jika"
        " aparatur tidak jujur.",
        "It is process because results are measured and reported each year. Without integrity the reports are only paper.",
    ],
    ids=["passive-and-tanpa", "dievaluasi-and-tidak-jujur", "english"],
)
def test_a_natural_answer_earns_both_points(text):
    assert ITEM.mentioned(text) == list(ITEM.rubric)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_model_answer_earns_both_points(language):
    assert ITEM.mentioned(ITEM.model_answer[language]) == list(ITEM.rubric)


def test_one_argument_alone_earns_one_point():
    assert ITEM.mentioned("Kinerja instansi diukur dan dilaporkan setiap tahun.") == [ITEM.rubric[0]]
