"""``01-why-guidelines`` recognises correct answers that avoid the model answer's words (round-11 reviews, EN 01-m1, ID 01-m6)."""

from __future__ import annotations

import pytest

from course.model.bank import find_bank

WHY = find_bank("01").get("01-why-guidelines")

ANSWERS = {
    "en": [
        "The SPMB juknis tells every school how to run admission. It states what a family must show, such as the card of"
        " a social-assistance program, to use the affirmative route, so it decides which children get a place. If it is"
        " published, parents know the rules in advance and can object when a school ignores them.",
        "Without the juknis, officials would not know how to run the admission policy. It says which route a child can"
        " use and who is admitted, and because it is the same for all schools, a family can appeal a refusal.",
        "The juknis tells schools how to run the selection, sets the documents each route needs, and gives every family"
        " the same rules, so an unfair decision can be challenged through a complaint.",
    ],
    "id": [
        "Juknis SPMB menjelaskan cara pelaksanaan kebijakan penerimaan murid baru. Juknis menetapkan jalur domisili,"
        " jalur prestasi, dan daya tampung setiap sekolah. Karena juknis berlaku untuk semua sekolah, orang tua dapat"
        " menuntut haknya dan mengajukan keberatan jika sekolah menyimpang.",
        "Juknis mengatur tahapan penerimaan yang harus diikuti sekolah, menentukan jalur yang dapat dipakai seorang anak,"
        " dan karena aturannya terbuka, keluarga dapat mengadukan sekolah yang menyimpang.",
        "Petunjuk teknis menjabarkan kebijakan menjadi langkah yang dijalankan petugas, menetapkan syarat setiap jalur,"
        " dan membuat semua pendaftar diperlakukan secara sama.",
    ],
}
CASES = [(lang, n, text) for lang, texts in ANSWERS.items() for n, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(("language", "number", "text"), CASES, ids=[f"{lang}-{n}" for lang, n, _ in CASES])
def test_a_correct_answer_in_other_words_meets_every_point(language, number, text):
    met = WHY.mentioned(text)
    missing = [c.label[language] for c in WHY.rubric if c not in met]
    assert not missing, f"01-why-guidelines paraphrase {number} ({language}) misses: {missing}"


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_model_answer_meets_every_point(language):
    assert WHY.mentioned(WHY.model_answer[language]) == list(WHY.rubric)
