"""Correct answers in other words earn every rubric point (round-8 reviews, EN/ID 00-M2 and ID 02-M1; round 10, EN 00-M1 and 02-M1).

``00-judge-a-coding`` says either decision can be defended, so a reasoned *keep* answer must earn the
reason point too; ``02-real-participation`` must recognise correct Indonesian answers that do not copy
the model answer. The keys may not repeat the question (tests/content/test_rubric_keys.py), so these
paraphrases use reason words and paraphrases instead of the case's own wording.
"""

from __future__ import annotations

import pytest

from course.model.bank import find_bank

JUDGE = find_bank("00").get("00-judge-a-coding")
REAL = find_bank("02").get("02-real-participation")

KEEP_THE_CODING = {
    "en": [
        'I would keep it. The sentence says "Apart from formally fulfilling society\'s public rights" and goes on to'
        " development plans; a coding should follow the words actually written, and public service is not among them.",
        'I keep the coding unchanged. The abstract speaks of "society\'s public rights", but a right is an entitlement,'
        " not a service, and linking the concept would read more into the sentence than it holds.",
        'I agree with the decision. The words "inspiring public policies" and "development plans of" the regions are'
        " about planning; the abstract does not name public service, and a literal coding stays with what is there.",
    ],
    "id": [
        'Saya mempertahankan pengodean itu. Kalimatnya berbunyi "Terlepas dari secara resmi memenuhi hak-hak publik'
        ' masyarakat"; pengodean harus mengikuti kata-kata yang benar-benar tertulis, dan pelayanan publik tidak ada di sana.',
        'Pengodean itu sebaiknya dipertahankan. Abstrak menyebut "hak-hak publik masyarakat", tetapi hak bukan layanan;'
        " kalimat itu berbicara tentang arah perencanaan daerah.",
        'Saya setuju dengan keputusan itu. Frasa "kebijakan publik yang menginspirasi" berbicara tentang perencanaan,'
        " dan bunyi teks abstrak tidak menyebutkan pelayanan publik; secara harfiah istilah itu tidak ada.",
    ],
}

REAL_PARTICIPATION = {
    "en": [
        "Power fails: the planning agency ranks proposals alone, so residents have no say; their delegates should rank"
        " with officials. Timing fails: the Musrenbang is held after the final draft of the RKPD, too late; it should"
        " come earlier. Feedback fails: the accepted list is never published, so residents cannot trace their"
        " proposals. The rules pass because the dates and criteria are published in advance and are consistent.",
        "Residents hold no share of the decision because officials rank the proposals themselves; they need a binding"
        " vote. The meetings come when the plan is already written, so the options are no longer open. Nobody reports"
        " back on what happened to each proposal. What the case passes is the rules question: the schedule is known in"
        " advance and stays the same.",
        "Three questions fail. Control over the ranking lies with the agency alone, which is tokenism. The deliberation"
        " follows the completed draft, too late to matter. Residents are never given the reasons why proposals were"
        " rejected. The rules are clear and predictable, so that question is met.",
    ],
    "id": [
        "Pertanyaan kekuasaan gagal karena badan perencanaan memeringkat sendiri tanpa melibatkan warga; perwakilan"
        " warga harus ikut memeringkat dan hasilnya mengikat. Waktu juga gagal: Musrenbang kecamatan diadakan sesudah"
        " rancangan akhir RKPD selesai disusun, jadi jadwalnya harus dimajukan. Umpan balik gagal karena daftar usulan"
        " yang diterima tidak diumumkan. Aturan lolos karena jadwal dan kriteria dipublikasikan berbulan-bulan"
        " sebelumnya dan tidak berubah.",
        "Kasus ini gagal pada tiga pertanyaan. Warga tidak punya suara dalam pemeringkatan karena badan perencanaan"
        " bekerja sendirian; seharusnya wakil warga ikut menentukan. Musrenbang datang ketika rancangan RKPD sudah"
        " selesai, padahal harus diadakan sebelum rancangan akhir disusun. Warga tidak tahu nasib usulan mereka dan"
        " alasannya. Yang dipenuhi adalah aturan: jadwal dan kriteria diketahui jauh hari dan tidak pernah berubah.",
        "Kekuasaan: warga tidak dilibatkan dalam keputusan, jadi Musrenbang itu hanya konsultasi. Waktu: pertemuan"
        " diadakan ketika pilihan sudah tertutup; seharusnya lebih awal. Umpan balik: pemerintah tidak menjelaskan"
        " usulan mana yang diterima. Aturan: jelas dan konsisten, sehingga pertanyaan ini dipenuhi.",
    ],
}

# The round-10 reviewer's own examples (EN 00-M1, EN 02-M1), made into whole answers and translated: a decision
# in the hint's words ("stay as it is", "I'd keep it", "I would not change it"), a reason about services, and
# verdicts that restate the case in the student's own order.
REVIEWER_JUDGE = {
    "en": [
        'I would change it. The abstract begins "Apart from formally fulfilling society\'s public rights", and public'
        " rights are met when the government provides public services, so the sentence touches public service.",
        'The coding should stay as it is. The abstract speaks of "society\'s public rights", and the term public'
        " service never appears there.",
        'I\'d keep it: "inspiring public policies" is about planning, and a right is not a service.',
        'I would not change it. The words "development plans of" the regions concern planning; the sentence does not mention services.',
    ],
    "id": [
        'Saya akan mengubahnya. Abstrak dibuka dengan "Terlepas dari secara resmi memenuhi hak-hak publik masyarakat",'
        " dan hak-hak publik terpenuhi ketika pemerintah menyediakan pelayanan publik, jadi kalimat itu menyentuh"
        " pelayanan publik.",
        'Pengodean itu sebaiknya tetap apa adanya. Abstrak menyebut "hak-hak publik masyarakat", dan istilah pelayanan'
        " publik tidak pernah muncul di sana.",
        'Saya akan mempertahankannya: "kebijakan publik yang menginspirasi" berbicara tentang perencanaan, dan hak bukan layanan.',
        'Saya tidak akan mengubahnya. Kata-kata "rencana pembangunan daerah" berbicara tentang perencanaan; kalimat itu'
        " tidak menyebut layanan.",
    ],
}

REVIEWER_REAL = {
    "en": [
        "Power fails: the planning agency ranks the proposals alone; residents should rank with it. Timing fails: the"
        " Musrenbang is held after the final draft of the RKPD; it should be held before the draft. Feedback fails: the"
        " list is never published; the agency should report back. The rules pass: the dates are published months ahead"
        " and have not changed for years.",
        "The agency decides alone which proposals go into the plan. The meetings should be held before the plan is"
        " drafted, not after the final draft. The accepted list is never made public, so no one reports back. The rules"
        " are fine: the dates are published in advance and have stayed unchanged for years.",
    ],
    "id": [
        "Kekuasaan gagal: badan perencanaan memeringkat usulan sendirian; warga seharusnya ikut memeringkat. Waktu gagal:"
        " Musrenbang diadakan sesudah rancangan akhir RKPD selesai disusun; seharusnya diadakan sebelum rancangan"
        " disusun. Umpan balik gagal: daftarnya tidak pernah diumumkan; badan itu seharusnya melaporkan kembali. Aturan"
        " lolos: tanggalnya dipublikasikan berbulan-bulan sebelumnya dan tidak berubah selama bertahun-tahun.",
        "Badan itu memutuskan sendiri usulan mana yang masuk rencana. Pertemuan harus diadakan sebelum rencana disusun,"
        " bukan sesudah rancangan akhir. Daftar yang diterima tidak pernah dipublikasikan, jadi tidak ada yang"
        " melaporkan kembali. Aturannya jelas: tanggalnya diumumkan jauh hari dan tidak berubah selama bertahun-tahun.",
    ],
}

# The round-11 Indonesian reviewer's examples (ID 00-M1, ID 02-M1): the lesson's own verb (menyanggah), a
# verdict such as "sudah tepat" or "keliru", and the verdicts in the question's own words ("tidak dipenuhi").
REVIEWER_ID_11 = {
    "id": [
        'Saya menyanggah pengodean itu. Kalimat "Terlepas dari secara resmi memenuhi hak-hak publik masyarakat"'
        " menyiratkan pelayanan publik, karena hak-hak itu diwujudkan melalui pelayanan yang diberikan pemerintah.",
        'Pengodean modul ini sudah tepat. Frasa "rencana pembangunan daerah" berbicara tentang perencanaan, dan'
        " kalimat itu tidak menyebut pelayanan publik.",
        'Menurut saya pengodean itu keliru dan perlu dikoreksi. Abstrak menyebut "hak-hak publik masyarakat", dan'
        " hak-hak itu dipenuhi lewat pelayanan kepada warga.",
        'Saya sependapat dengan pengodean modul. Kalimat "kebijakan publik yang menginspirasi" membahas perencanaan;'
        " bunyi teks abstrak tidak menyebut pelayanan.",
    ],
}
REVIEWER_ID_11_REAL = {
    "id": [
        "Pertanyaan kekuasaan tidak dipenuhi karena badan perencanaan memeringkat usulan itu sendiri tanpa wakil warga;"
        " seharusnya wakil warga ikut memeringkat. Pertanyaan waktu tidak dipenuhi karena Musrenbang kecamatan diadakan"
        " sesudah rancangan akhir RKPD selesai disusun; seharusnya diadakan lebih dahulu. Pertanyaan umpan balik tidak"
        " dipenuhi karena daftar usulan yang diterima tidak pernah diumumkan. Pertanyaan aturan dipenuhi karena tanggal"
        " dan kriterianya dipublikasikan berbulan-bulan sebelumnya.",
    ],
}

# The round-11 English reviewer's examples (EN 02-M1), completed into whole answers and translated: the case's
# own wording with a verdict ("ranks the proposals on its own", "is held once the draft RKPD is finished",
# "should be published", "passes on rules ... have not changed").
REVIEWER_EN_11_REAL = {
    "en": [
        "Power fails: the planning agency ranks the proposals on its own, so residents cannot influence which"
        " proposals go into the plan. Timing fails: the Musrenbang kecamatan is held after the draft RKPD is finished;"
        " it should be held before the draft. Feedback: the list of accepted proposals is never published, so residents"
        " never know what became of their proposals. Rules: the dates and criteria are published months ahead and the"
        " rules have not changed for years, so that question is met.",
        "The case fails on power: the planning agency ranks the proposals on its own, and residents do not rank them"
        " with it. It fails on timing: the Musrenbang kecamatan is held once the draft RKPD is finished, but it must be"
        " held before the draft is written. It fails on feedback too: the list of accepted proposals should be"
        " published, with the reasons for the others. It passes on rules: the dates and criteria are published months"
        " ahead of time and have not changed for years.",
    ],
    "id": [
        "Kekuasaan tidak dipenuhi: badan perencanaan memeringkat usulan itu sendirian, sehingga warga tidak dapat"
        " memengaruhi usulan mana yang masuk rencana. Waktu tidak dipenuhi: Musrenbang kecamatan diadakan setelah"
        " rancangan RKPD selesai; seharusnya diadakan sebelum rancangan disusun. Umpan balik: daftar usulan yang"
        " diterima tidak pernah diumumkan, sehingga warga tidak pernah mengetahui nasib usulannya. Aturan: tanggal dan"
        " kriterianya dipublikasikan berbulan-bulan sebelumnya dan aturannya tidak berubah selama bertahun-tahun, jadi"
        " pertanyaan itu dipenuhi.",
        "Kasus ini gagal pada pertanyaan kekuasaan: badan perencanaan memeringkat usulan sendirian, dan warga tidak ikut"
        " memeringkat. Kasus ini juga gagal pada pertanyaan waktu: Musrenbang kecamatan diadakan setelah rancangan RKPD"
        " selesai, padahal harus diadakan sebelum rancangan disusun. Umpan balik juga gagal: daftar usulan yang diterima"
        " seharusnya diumumkan, beserta alasan usulan lain ditolak. Aturan dipenuhi: tanggal dan kriterianya"
        " dipublikasikan berbulan-bulan sebelumnya dan tidak berubah selama bertahun-tahun.",
    ],
}

CASES = [
    (item, language, number, text)
    for item, answers in (
        (JUDGE, KEEP_THE_CODING),
        (REAL, REAL_PARTICIPATION),
        (JUDGE, REVIEWER_JUDGE),
        (REAL, REVIEWER_REAL),
        (JUDGE, REVIEWER_ID_11),
        (REAL, REVIEWER_ID_11_REAL),
        (REAL, REVIEWER_EN_11_REAL),
    )
    for language, texts in answers.items()
    for number, text in enumerate(texts, start=1)
]


@pytest.mark.parametrize(
    ("item", "language", "number", "text"), CASES, ids=[f"{i.id}-{lang}-{n}-{k}" for k, (i, lang, n, _) in enumerate(CASES)]
)
def test_a_correct_answer_in_other_words_meets_every_point(item, language, number, text):
    met = item.mentioned(text)
    missing = [c.label[language] for c in item.rubric if c not in met]
    assert not missing, f"{item.id} paraphrase {number} ({language}) misses: {missing}"


@pytest.mark.parametrize("item", [JUDGE, REAL], ids=lambda i: i.id)
@pytest.mark.parametrize("language", ["en", "id"])
def test_the_model_answer_meets_every_point(item, language):
    assert item.mentioned(item.model_answer[language]) == list(item.rubric)


# An answer that names every topic but gets every verdict wrong (round-9 review, EN 02-M1): the keys must
# carry the verdict, so it may not meet all four points.
INVERTED_VERDICTS = {
    "en": "The rules fail because they are not consistent; power is fine because residents vote; timing is early;"
    " feedback is published. Residents have a say and control the ranking, and the plan reflects their proposals.",
    "id": "Aturan gagal karena tidak konsisten; kekuasaan sudah baik karena warga memberikan suara; waktunya cukup awal;"
    " umpan balik diumumkan. Warga ikut memutuskan dan mengendalikan pemeringkatan, dan rencana memuat usulan mereka.",
}

# An answer that states no decision at all (round-11 review, ID 00-M1) must not earn the decision point.
NO_DECISION = (
    'Warga menerima banyak hak dari negara. Abstrak menyebut "hak-hak publik masyarakat", dan hak-hak itu dipenuhi'
    " melalui pelayanan kepada warga."
)


def test_an_answer_without_a_decision_does_not_earn_the_decision_point():
    decision = JUDGE.rubric[0]
    assert decision not in JUDGE.mentioned(NO_DECISION), "a bare 'menerima' is not a decision about the coding"


@pytest.mark.parametrize("language", ["en", "id"])
def test_an_answer_with_every_verdict_inverted_does_not_meet_every_point(language):
    met = REAL.mentioned(INVERTED_VERDICTS[language])
    assert len(met) < len(REAL.rubric), f"inverted verdicts ({language}) meet: {[c.label[language] for c in met]}"
