"""Correct Indonesian answers in natural wording earn every rubric point (round-11 review, ID 04-M1, 05-M1, 06-M1).

The Indonesian keyword lists missed affixed forms (*mengeluh*, *dilibatkan*, *pelatihan*), common spellings
(*antrian*) and the labels' own wording (*keputusan diambil bersama*, *mengikat kedua pihak*). The reviewer's
example answers, completed into whole answers, must meet every point, and so must one English paraphrase per
item and the model answers. The keys may not repeat the question (tests/content/test_rubric_keys.py), so
answers that echo the question ("bekerja sama", "penguatan warga", "matriks itu benar?") are met through the
reason words around them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course.model.bank import find_bank

ROOT = Path(__file__).resolve().parents[2]  # the lesson notebooks, for the checklist printed above the policy brief

CO_STEERING = find_bank("04").get("04-describe-co-steering")
PARTNERSHIP = find_bank("05").get("05-what-partnership-needs")
BRIEF = find_bank("06").get("06-policy-brief")
DISPUTED = find_bank("06").get("06-disputed-cell")

ANSWERS = [
    (
        CO_STEERING,
        {
            "id": [
                # The reviewer's first answer: the label's own wording, a mayor's regulation, the regional budget.
                "Di kota saya, Bappeda dan perwakilan warga duduk dalam forum anggaran. Keputusan diambil bersama dan"
                " mengikat kedua pihak; Peraturan Wali Kota mewajibkan APBD mengikuti daftar prioritas forum itu, jadi"
                " pemerintah tidak bisa mengubahnya sendiri.",
                # The reviewer's second answer: village government and "masyarakat", a village regulation, no consent.
                "Di desa kami, pemerintah desa dan masyarakat membentuk forum bersama yang memutuskan kegiatan mana yang"
                " didanai dana desa setiap tahun. Keputusan forum dituangkan dalam peraturan desa, sehingga pemerintah desa"
                " tidak dapat mengubahnya tanpa persetujuan forum.",
                # The reviewer's other words: perangkat daerah, pedagang, kader, a regent's decree, "disepakati bersama".
                "Di kabupaten kami, perangkat daerah yang mengurus pasar dan perwakilan pedagang serta kader PKK duduk dalam"
                " satu dewan. Program penataan pasar dan biayanya disepakati bersama. Keputusan Bupati menetapkan bahwa"
                " hasil dewan itu tidak boleh diubah secara sepihak oleh OPD.",
                # Round 13 (ID 04-M1): consensus deliberation, "disepakati bersama ... bersifat mengikat", a Perwal.
                "Di kota kami, Dinas Perhubungan dan paguyuban sopir angkot duduk dalam satu forum. Trayek dan tarif"
                " ditetapkan melalui musyawarah mufakat, dan hasil yang disepakati bersama bersifat mengikat karena"
                " dituangkan dalam Perwal.",
                # Round 15 (ID 04-M2): "menentukan bersama", "wajib dilaksanakan", a plain "peraturan desa".
                "Di desa kami, pemerintah desa dan kelompok tani menentukan bersama jadwal tanam setiap musim; hasilnya"
                " dituangkan dalam peraturan desa sehingga wajib dilaksanakan oleh pemerintah desa.",
                # Round 18 (ID 04-M1): a vote, "keputusan forum mengikat", "tidak dapat mengubahnya sendiri".
                "Di desa kami, pemerintah desa dan kelompok pengguna air memilih lewat pemungutan suara jadwal pembagian"
                " air. Keputusan forum mengikat pemerintah desa karena ditetapkan dalam peraturan desa, dan kepala desa"
                " tidak dapat mengubahnya sendiri.",
                # Round 20 (ID 04-M1): "bersifat mengikat", "mengikat dinas", "wajib melaksanakan".
                "Di kota kami, dinas pasar dan paguyuban pedagang menentukan bersama aturan zonasi lapak. Keputusan itu"
                " bersifat mengikat dinas karena dituangkan dalam Perwal, sehingga dinas wajib melaksanakannya.",
                # Round 27 (ID 04-M2): "wajib mematuhinya", P3A; the lesson's own ward meeting, "tanpa persetujuan".
                "Di desa kami ada forum irigasi. Anggotanya Dinas PUPR kabupaten, kepala desa, dan P3A. Forum ini menetapkan"
                " jadwal pembagian air setiap musim. Hasilnya dituangkan dalam peraturan desa sehingga semua pihak wajib"
                " mematuhinya.",
                "Warga, ketua RT/RW, dan pihak kelurahan menyusun daftar prioritas Dana Kelurahan dalam musyawarah"
                " pembangunan kelurahan. Perwali mewajibkan pemkot mendanai daftar itu, sehingga pemkot tidak bisa"
                " mengubahnya tanpa persetujuan musyawarah.",
            ],
            "en": [
                "In my city the planning agency and elected delegates of the residents sit on a budget forum. They decide"
                " together which projects receive funds, and a mayor's regulation makes the forum's list binding, so"
                " officials cannot change it alone.",
                # The English reviewer's wording (round 11, EN 04-m6): "decide on ... together", a bare "agreement".
                "In our district the health office, the village heads and the posyandu cadres and parents meet every"
                " quarter. They decide on the schedule together for the health posts, and an agreement signed by the district"
                " head makes the result binding, so the office follows the decision.",
                # Round 16 (EN 04-M1): the lesson's own words, "agree together", "is binding", "cannot reorder it alone".
                "In our regency the irrigation office and the farmer groups agree together on the planting schedule, and"
                " the agreed list is binding on the office under a regent's regulation; it cannot reorder it alone.",
                # Round 18 (EN 04-M1): the patients' charter in the lesson's own words.
                "The regency health office and a patients' forum of residents sign a charter that fixes next year's"
                " waiting-time targets; the office may revise them only with the forum's consent.",
            ],
        },
    ),
    (
        PARTNERSHIP,
        {
            "id": [
                # The reviewer's first answer, completed with the policy and the expected result.
                "Saya pernah mengurus KTP di Disdukcapil. Kemitraan menuntut lingkungan yang transparan: persyaratan dan lama"
                " proses harus diumumkan. Warga juga perlu diajak berembuk sebelum prosedur diubah. Dengan begitu aturan"
                " layanan mengikuti kebutuhan warga, dan pelayanan menjadi lebih profesional, misalnya antrian lebih pendek"
                " dan waktu tunggu jelas.",
                # The reviewer's second answer: clean water in a village.
                "Saya memakai layanan air bersih di desa. Syarat pertama menuntut pengelola memublikasikan tarif dan jadwal"
                " gangguan; syarat kedua menuntut warga dilibatkan dalam rapat sebelum tarif diputuskan. Kebijakannya lalu"
                " memenuhi harapan warga, dan pelayanannya lebih demokratis karena semua pelanggan mendapat informasi yang"
                " sama; pengaduan bisa disampaikan lewat aplikasi.",
                # Round 20 (ID 05-M1): partisipasi, masukan, forum, -nya forms.
                "Saya berobat di puskesmas. Jadwal dan biayanya harus diumumkan di papan informasi, dan pasien perlu"
                " dimintai masukan dalam forum sebelum jam layanan diubah. Dengan begitu kebijakan puskesmas mengikuti"
                " kebutuhannya, dan pelayanannya lebih demokratis karena semua pasien tahu haknya.",
            ],
            "en": [
                "I renew my ID card at the civil registry office. Transparency means the requirements and the waiting time"
                " are posted on the website; good communication means residents are consulted before a procedure is changed."
                " Policy then follows what citizens need, and the service becomes more professional: a shorter queue and a"
                " clear deadline.",
                # Round 19 (EN 05-M2): users named by the service, a complaint channel, published requirements.
                "I take my mother to the puskesmas. The requirements and opening hours should be published, and the staff"
                " should involve patients in a meeting before changing the schedule. Then the rules follow what patients"
                " need, a complaint channel answers within a week, and the service becomes more democratic.",
            ],
        },
    ),
    (
        BRIEF,
        {
            "id": [
                # The reviewer's 71-word brief.
                "Warga desa mengeluh karena pengurusan akta kelahiran di Disdukcapil memakan waktu berminggu-minggu."
                " Disdukcapil perlu bekerja sama dengan LSM, PKK, dan pemerintah desa melalui forum konsultasi publik yang"
                " keputusannya mengikat. Standar waktu dan jumlah berkas yang selesai diumumkan setiap bulan di situs dinas."
                " Di dalam dinas, alur layanan disederhanakan dan petugas dilatih; di luar dinas, dilakukan penguatan"
                " kapasitas kader desa. Fatmawati mencatat bahwa layanan belum memberikan kepuasan kepada masyarakat"
                " pengguna.",
                # The reviewer's 64-word brief.
                "Masyarakat mengeluh izin usaha lama selesai di DPMPTSP. Dinas perlu melibatkan asosiasi pengusaha dan"
                " organisasi warga dalam forum yang menyepakati standar pelayanan. Standar dan waktu penyelesaiannya"
                " diumumkan di loket dan situs web. Penyederhanaan alur, pelatihan petugas, dan penataan struktur unit"
                " layanan mendukung tata kelola bersama. Menurut Fatmawati, kebijakan diformulasikan untuk memenuhi harapan"
                " masyarakat.",
                # Round 14 (ID 06-M3): the reviewer's puskesmas brief, completed; it scored 3 of 5.
                "Pasien di puskesmas kecamatan kami harus antre sejak subuh dan sering pulang tanpa dilayani karena dokter"
                " hanya datang dua hari seminggu. Puskesmas perlu bekerja sama dengan kader posyandu dan tokoh masyarakat"
                " dalam sebuah forum yang bertemu setiap bulan untuk menyepakati jadwal layanan. Puskesmas memasang jadwal"
                " dan jumlah pasien harian di papan pengumuman dan di Instagram agar warga dapat mengawasinya. Di dalam"
                " puskesmas, pegawai diberi bimbingan teknis tentang pelayanan yang ramah. Fatmawati menulis bahwa"
                " layanan masih belum mampu memberikan kepuasan kepada masyarakat pengguna.",
            ],
            "en": [
                "Applicants at the regency's permit office wait weeks and their complaints go unanswered. The office should"
                " set up a joint forum with business associations and residents' groups that agrees the service standard."
                " The office should publish the standard and its waiting times every month. Inside the office, the"
                " procedure should be simplified and staff retrained, as bureaucratic reform asks. Fatmawati notes that"
                " services do not yet satisfy their users.",
                # The English reviewer's wording (round 11, EN 06-m1): a co-steering board, a website, a dashboard.
                "Patients at the regency hospital wait hours because of a lack of staff at night. I propose a co-steering"
                " board of the hospital and residents' associations that sets the night roster each quarter. Waiting times"
                " should be shown on a public dashboard on the hospital's website. Inside the hospital, the procedure for"
                " admitting patients should be simplified. Fatmawati argues that services must meet the expectations of"
                " society.",
                # Round 14 (ID 06-M3): the English counterpart of the reviewer's puskesmas brief.
                "Patients at our sub-district health centre (puskesmas) queue from dawn and often go home unserved because"
                " the doctor comes only two days a week. The centre should meet every month with posyandu volunteers and"
                " community leaders in a forum that agrees the clinic's schedule. The schedule and the daily number of"
                " patients should be posted on a noticeboard and on social media so that residents can check them. Inside"
                " the centre, employees should receive technical guidance on courteous service. Fatmawati writes that"
                " services are still not able to give satisfaction to the user community.",
            ],
        },
    ),
    (
        DISPUTED,
        {
            "id": [
                # The reviewer's verdict "matriks itu benar", with its reason.
                'Menurut saya matriks itu benar karena abstrak Fatmawati tidak memakai frasa "kebijakan publik"; ia hanya'
                ' menulis "kebijakan yang diformulasikan". Isi sel bergantung pada kutipan yang dilekatkan modul ini pada'
                " konsep itu.",
                # The reviewer's "matriks itu tidak tepat" and "bukti".
                'Matriks itu tidak tepat. Fatmawati menulis bahwa "kebijakan yang diformulasikan untuk memenuhi harapan'
                ' masyarakat"; itu kebijakan publik. Bukti yang dipakai matriks hanya berasal dari abstrak Eviningrum dan'
                " Budiono, jadi sel itu False.",
                # Round 14 (ID 06-M2): the reviewer's "keep False" answer, which scored 0 of 3.
                "Menurut saya nilai False itu benar. Abstrak Fatmawati hanya menulis kata kebijakan, bukan frasa kebijakan"
                " publik, dan aturan matriks hanya mencocokkan frasa yang utuh secara harfiah.",
                'Sel itu sebaiknya tetap False. Fatmawati tidak menulis frasa kebijakan publik, hanya "kebijakan yang'
                ' diformulasikan"; modul ini mengodekan menurut kata yang tertulis, bukan menurut makna.',
            ],
            "en": [
                'The matrix is wrong. Fatmawati writes that "the policies are formulated to meet the expectations of'
                ' society", which is public policy in other words. The cell is False only because the quotation attached'
                " to the concept comes from the first abstract.",
                # The English reviewer's wording (round 11, EN 06-m2): "the cell should read True".
                'The cell should read True. Fatmawati writes that "the policies are formulated to meet the expectations of'
                ' society". The matrix shows False only because the coding looks for the quotation the course attached to'
                " the concept.",
                # Round 14 (ID 06-M2): a well-argued "keep False" answer, the English counterpart of the reviewer's.
                "In my view the value False is right. Fatmawati's abstract only writes the word policies, not the phrase"
                " public policy, and the matrix's rule matches only a whole phrase, literally.",
                'The cell stays False. Fatmawati does not write public policy; she writes that "the policies are formulated'
                ' to meet the expectations of society", and the course codes by the words a text uses, not by meaning.',
            ],
        },
    ),
]

CASES = [
    (item, language, number, text)
    for item, answers in ANSWERS
    for language, texts in answers.items()
    for number, text in enumerate(texts, start=1)
]


@pytest.mark.parametrize(("item", "language", "number", "text"), CASES, ids=[f"{i.id}-{lang}-{n}" for i, lang, n, _ in CASES])
def test_a_correct_answer_in_other_words_meets_every_point(item, language, number, text):
    met = item.mentioned(text)
    missing = [c.label[language] for c in item.rubric if c not in met]
    assert not missing, f"{item.id} answer {number} ({language}) misses: {missing}"


@pytest.mark.parametrize("item", [item for item, _ in ANSWERS], ids=lambda i: i.id)
@pytest.mark.parametrize("language", ["en", "id"])
def test_the_model_answer_meets_every_point(item, language):
    assert item.mentioned(item.model_answer[language]) == list(item.rubric)


# The round-12 reviewer's counter-examples (ID 04-M1): a top-down answer and a co-managing answer must not be
# told that the decision was shared and binding.
NOT_CO_STEERING = [
    "Di kota kami, dinas pekerjaan umum menyusun anggaran kegiatan kelurahan sendiri. Warga hanya diberi tahu"
    " hasilnya. Setelah itu dinas mengikuti keputusan wali kota, dan warga tidak ikut memutuskan apa pun karena semua"
    " ditetapkan tanpa persetujuan warga.",
    "Warga dan dinas pertanian bersama-sama merawat saluran irigasi desa sesuai perjanjian kerja sama; kesepakatan"
    " bersama itu diperbarui setiap tahun tentang pembagian tugas.",
]


# Round 15 (ID 04-M3): the village council (BPD) is not a societal actor.
def test_the_village_council_is_not_a_societal_actor():
    societal = CO_STEERING.rubric[1]
    assert societal not in CO_STEERING.mentioned("Kepala desa dan BPD memutuskan APBDes bersama."), societal.label["id"]


@pytest.mark.parametrize("text", NOT_CO_STEERING, ids=["top-down", "co-managing"])
def test_a_top_down_or_co_managing_answer_is_not_told_the_decision_was_shared_and_binding(text):
    shared_and_binding = CO_STEERING.rubric[3]
    assert shared_and_binding not in CO_STEERING.mentioned(text), shared_and_binding.label["id"]


# Round 13 (EN 06-M1): pasting the checklist printed above the policy brief must earn no keyword point.
@pytest.mark.parametrize("language", ["en", "id"])
def test_the_checklist_above_the_policy_brief_earns_no_point(language):
    notebook = json.loads((ROOT / "notebooks" / language / "06-capstone.ipynb").read_text(encoding="utf-8"))
    shown = 'show("06-policy-brief")'
    at = next(n for n, cell in enumerate(notebook["cells"]) if shown in "".join(cell["source"]))
    above = "".join(notebook["cells"][at - 1]["source"])
    checklist = above[above.index("1. ") :]
    assert not BRIEF.mentioned(checklist), [c.label[language] for c in BRIEF.mentioned(checklist)]


# Round 13 (ID 06-M2): the most direct verdicts on the disputed cell earn the judgement point.
DIRECT_VERDICTS = ["Nilai itu tidak tepat.", "Menurut saya nilai False itu keliru.", "Nilai False itu tepat."]


@pytest.mark.parametrize("text", DIRECT_VERDICTS)
def test_a_direct_verdict_on_the_disputed_cell_earns_the_judgement_point(text):
    assert DISPUTED.rubric[0] in DISPUTED.mentioned(text)


# Round 19 (EN 06-M2): a transparency proposal alone ("publish waiting times and complaint figures") names no problem.
@pytest.mark.parametrize(
    "text",
    [
        "The office should publish waiting times and complaint figures every month.",
        "Dinas perlu mengumumkan waktu tunggu dan jumlah pengaduan setiap bulan.",
    ],
)
def test_publishing_figures_is_not_naming_a_problem(text):
    assert BRIEF.rubric[0] not in BRIEF.mentioned(text), BRIEF.rubric[0].label["en"]


# Rounds 24-31: natural wordings the reviewers gave earn the rubric points they make (other points may be missing).
POINT_CASES = [
    # Round 24 (EN 04-M1): the lesson's own ward-meeting case names the government actor and what is decided.
    (
        CO_STEERING,
        (0, 2),
        "In our ward the ward head, the ward staff and the RT/RW heads decide together which activities get financed;"
        " a mayoral regulation obliges the city to finance the agreed list.",
    ),
    # Round 24 (ID 06-M2): a brief about a missing service mall, as cell 63 invites, names a concrete problem.
    (
        BRIEF,
        (0,),
        "Kabupaten kami belum memiliki MPP, sehingga warga harus mendatangi beberapa kantor yang berjauhan untuk mengurus izin.",
    ),
    (BRIEF, (0,), "Our regency has no service mall, so residents go back and forth between offices that are far from each other."),
    # Round 29 (ID 06-M1): a plain defence of False meets the verdict and the quotation points.
    (DISPUTED, (0, 1), "Menurut saya nilai itu tepat, karena Fatmawati tidak pernah memakai frasa kebijakan publik dalam abstraknya."),
    (DISPUTED, (0, 1), "I think False is right: Fatmawati never uses the phrase public policy in her abstract."),
    # Round 30 (EN 06-M1): cooperating with local businesses is a partnership proposal.
    (BRIEF, (1,), "The office should cooperate with local businesses and the stakeholders of the market."),
    # Round 31 (ID 06-M1): complaint handling is an accountability tool.
    (BRIEF, (2,), "Dinas membuka saluran pengaduan lewat LAPOR! dan setiap pengaduan ditindaklanjuti dalam tujuh hari."),
]


@pytest.mark.parametrize(("item", "points", "text"), POINT_CASES, ids=lambda v: v.id if hasattr(v, "id") else None)
def test_a_natural_wording_earns_the_points_it_makes(item, points, text):
    met = item.mentioned(text)
    assert [item.rubric[p].label["en"] for p in points if item.rubric[p] not in met] == []
