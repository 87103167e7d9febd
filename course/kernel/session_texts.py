"""What the notebook API says to the student, in English and Indonesian (:mod:`.session`).

What a type says about a response it cannot record (a letter not shown, a word
that is not True or False) is the type's own (:mod:`course.model.exercises`).
"""

from __future__ import annotations

from ..model.vocabulary import CORRECT, INCORRECT, PARTIAL, RECORDED, REVIEW, UNANSWERED

MESSAGES = {
    "started": {
        "en": "Lesson {lesson} · {title} · {language} · {mode} mode · {count} exercises. Your answers are saved in this notebook and restored when you run the lesson again.",
        "id": "Pelajaran {lesson} · {title} · {language} · mode {mode} · {count} latihan. Jawaban Anda tersimpan di notebook ini dan dipulihkan ketika pelajaran dijalankan kembali.",
    },
    "mode_practice": {"en": "practice", "id": "latihan"},
    "mode_assessment": {"en": "assessment", "id": "penilaian"},
    "corrupt": {
        "en": "Warning: the saved answers could not be read; the damaged file was kept as {path}. Answer again, nothing else is lost.",
        "id": "Peringatan: jawaban yang tersimpan tidak dapat dibaca; berkas yang rusak disimpan sebagai {path}. Jawablah kembali, tidak ada hal lain yang hilang.",
    },
    "store_failed": {
        "en": "Your answer is in the notebook, but the backup file could not be written ({error}). Save the notebook with Ctrl+S.",
        "id": "Jawaban Anda ada di notebook, tetapi berkas cadangannya tidak dapat ditulis ({error}). Simpan notebook dengan Ctrl+S.",
    },
    "not_code": {
        "en": "'{id}' is a {kind} exercise: answer it in its box above (or with answer(\"{id}\", ...)).",
        "id": "'{id}' adalah latihan {kind}: jawablah di kotaknya di atas (atau dengan answer(\"{id}\", ...)).",
    },
    "code_only": {
        "en": "'{id}' is a code exercise: compute the value and call check(\"{id}\", value).",
        "id": "'{id}' adalah latihan kode: hitung nilainya lalu panggil check(\"{id}\", nilai).",
    },
    "progress_title": {"en": "Progress in lesson {lesson}", "id": "Kemajuan pelajaran {lesson}"},
    "progress_summary": {
        "en": "{answered} of {total} exercises answered · {points:g} of {max:g} points",
        "id": "{answered} dari {total} latihan dijawab · {points:g} dari {max:g} poin",
    },
    "progress_summary_assessment": {
        "en": "{answered} of {total} exercises answered · graded by your lecturer",
        "id": "{answered} dari {total} latihan dijawab · dinilai oleh dosen Anda",
    },
    "col_exercise": {"en": "exercise", "id": "latihan"},
    "col_status": {"en": "status", "id": "status"},
    "col_points": {"en": "points", "id": "poin"},
    CORRECT: {"en": "correct", "id": "tepat"},
    PARTIAL: {"en": "partly correct", "id": "sebagian tepat"},
    INCORRECT: {"en": "not yet correct", "id": "belum tepat"},
    UNANSWERED: {"en": "not answered yet", "id": "belum dijawab"},
    RECORDED: {"en": "answered", "id": "sudah dijawab"},
    REVIEW: {"en": "needs your lecturer's review", "id": "perlu diperiksa dosen"},
    "refused": {
        "en": "Not recorded: {problem}. Expected {expected}.",
        "id": "Tidak dicatat: {problem}. Yang diharapkan: {expected}.",
    },
    "bad_id": {
        "en": '{call} needs an exercise id in quotes, e.g. {call_name}("{example}"); got {given}.',
        "id": '{call} memerlukan id latihan di dalam tanda petik, misalnya {call_name}("{example}"); yang diberikan: {given}.',
    },
    "bad_lesson": {
        "en": '{call} needs a two-digit lesson number in quotes, e.g. {call_name}("{example}"); got {given}.',
        "id": '{call} memerlukan nomor pelajaran dua angka di dalam tanda petik, misalnya {call_name}("{example}"); yang diberikan: {given}.',
    },
    "no_bank": {
        "en": "start_lesson(): no exercise bank for lesson '{lesson}'. Check the lesson number in the set-up cell.",
        "id": "start_lesson(): tidak ada bank latihan untuk pelajaran '{lesson}'. Periksa nomor pelajaran di sel persiapan.",
    },
    "bad_mode": {
        "en": "unknown mode {mode}: use 'practice' or 'assessment'",
        "id": "mode {mode} tidak dikenal: gunakan 'practice' (latihan) atau 'assessment' (penilaian)",
    },
    "unknown_id": {
        "en": "There is no exercise '{id}' in lesson {lesson}.{hint}",
        "id": "Tidak ada latihan '{id}' dalam pelajaran {lesson}.{hint}",
    },
    "did_you_mean": {"en": " Did you mean '{close}'?", "id": " Mungkin maksud Anda '{close}'?"},
    "no_lesson": {
        "en": "Run the set-up cell at the top of the notebook first (it calls course.start_lesson).",
        "id": "Jalankan dulu sel persiapan di bagian atas notebook (sel yang memanggil course.start_lesson).",
    },
    "not_in_release": {
        "en": "Lesson {lesson} is not part of this release ({root}). Ask your lecturer for the notebook of this lesson.",
        "id": "Pelajaran {lesson} tidak termasuk dalam rilis ini ({root}). Mintalah notebook pelajaran ini kepada dosen Anda.",
    },
    "unexpected": {
        "en": "Something went wrong inside the course tools ({error}). Your saved answers are safe; run the cell again, and tell your lecturer if it persists.",
        "id": "Terjadi kesalahan di dalam perangkat kursus ({error}). Jawaban yang tersimpan aman; jalankan sel ini lagi, dan beri tahu dosen Anda bila masih terjadi.",
    },
}
