"""The catalogue's report lines and notes on a file, in English and Bahasa Indonesia.

Each entry is one sentence of ``report-<label>.txt`` (also printed by
``grade`` and listed on the summary page) or a note on a student's file,
which her feedback page shows too. :mod:`course.messages` serves them with the
rest of the catalogue; fields are file names, ids and numbers, filled in at
output time in the language of the reader.

Terms: mahasiswa (student), berkas (file), nilai (grade), poin (points),
soal (an exercise in a notebook), latihan (the practice set), kuis (the quiz),
rekaman jawaban (answer record), kiriman (submission), unggah (upload).
"""

from __future__ import annotations

REPORT: dict[str, dict[str, str]] = {
    # how a line is put together
    "file_note": {"en": "{file}: {note}", "id": "{file}: {note}"},
    "zero_points": {"en": "{note}: 0 points", "id": "{note}: 0 poin"},
    "report_head": {"en": "== grading run {when}, {files} files ==", "id": "== penilaian {when}, {files} berkas =="},
    "report_head_one": {"en": "== grading run {when}, 1 file ==", "id": "== penilaian {when}, 1 berkas =="},
    "no_problems": {"en": "no problems found", "id": "tidak ada masalah"},
    "mode_name_practice": {"en": "practice", "id": "latihan"},
    "mode_name_assessment": {"en": "assessment", "id": "kuis"},
    # finding the files (course.intake.submissions, course.intake.archive)
    "not_listed": {"en": "could not be listed ({reason})", "id": "isi foldernya tidak dapat dibaca ({reason})"},
    "folder_named_notebook": {
        "en": "is a folder named like a notebook, not a notebook: not read",
        "id": "adalah folder yang dinamai seperti notebook, bukan notebook: tidak dibaca",
    },
    "macos_file": {
        "en": "is a macOS resource file (its name starts with '._'), not a notebook: not read",
        "id": "adalah berkas sumber daya macOS (namanya diawali '._'), bukan notebook: tidak dibaca",
    },
    "special_file": {
        "en": "is not a regular file (a pipe, socket or device): not read",
        "id": "bukan berkas biasa (pipe, socket, atau perangkat): tidak dibaca",
    },
    "zip_in_folder": {
        "en": "is a zip file: not read. Fix: unzip it into the submissions folder and grade again",
        "id": "adalah berkas zip: tidak dibaca. Perbaikan: ekstrak isinya ke folder kiriman, lalu jalankan penilaian lagi",
    },
    "broken_link": {"en": "is a broken link: not read", "id": "adalah tautan yang rusak: tidak dibaca"},
    "folder_link": {"en": "is a link to a folder: not followed", "id": "adalah tautan ke folder: tidak diikuti"},
    "outside_link": {
        "en": "is a link to a file outside the submissions folder: not read",
        "id": "adalah tautan ke berkas di luar folder kiriman: tidak dibaca",
    },
    "special_link": {
        "en": "is a link to something that is not a regular file: not read",
        "id": "adalah tautan ke sesuatu yang bukan berkas biasa: tidak dibaca",
    },
    "zip_outside": {
        "en": "has a path that leads outside the download: not read",
        "id": "memiliki jalur yang mengarah ke luar unduhan: tidak dibaca",
    },
    "zip_in_zip": {
        "en": "is a zip file inside the download: not read. Fix: unzip it and grade that folder too",
        "id": "adalah berkas zip di dalam unduhan: tidak dibaca. Perbaikan: ekstrak berkas itu dan nilai juga folder hasilnya",
    },
    "zip_special": {
        "en": "is a link or a special file in the zip, not a notebook: not read",
        "id": "adalah tautan atau berkas khusus di dalam zip, bukan notebook: tidak dibaca",
    },
    "zip_too_large": {
        "en": "is larger than {limit} MB once unpacked (or the download is over {total} GB): not read",
        "id": "lebih besar dari {limit} MB setelah diekstrak (atau unduhannya lebih dari {total} GB): tidak dibaca",
    },
    # reading one notebook (course.intake.submissions)
    "read_failed": {
        "en": "could not be read (unexpected {error}); please send this file to the course maintainers",
        "id": "tidak dapat dibaca (galat tak terduga {error}); mohon kirimkan berkas ini kepada pengelola mata kuliah",
    },
    "unreadable": {"en": "could not be read", "id": "tidak dapat dibaca"},
    "open_failed": {"en": "could not be opened ({reason})", "id": "tidak dapat dibuka ({reason})"},
    "not_regular": {"en": "is not a regular file: not read", "id": "bukan berkas biasa: tidak dibaca"},
    "too_large": {
        "en": "is too large to be a course notebook ({size} MB; the limit is {limit} MB): not read",
        "id": "terlalu besar untuk notebook mata kuliah ini ({size} MB; batasnya {limit} MB): tidak dibaca",
    },
    "too_large_read": {
        "en": "is too large to be a course notebook (over {limit} MB): not read",
        "id": "terlalu besar untuk notebook mata kuliah ini (lebih dari {limit} MB): tidak dibaca",
    },
    "empty": {"en": "is empty (0 bytes)", "id": "kosong (0 byte)"},
    "disguised": {
        "en": "is not a notebook but {kind} with an .ipynb name",
        "id": "bukan notebook, melainkan {kind} yang diberi nama .ipynb",
    },
    "kind_pdf": {"en": "a PDF document", "id": "dokumen PDF"},
    "kind_zip": {"en": "a zip file (an .ipynb inside a .zip?)", "id": "berkas zip (berkas .ipynb di dalam .zip?)"},
    "kind_html": {"en": "an HTML or XML page", "id": "halaman HTML atau XML"},
    "not_utf8": {"en": "is not a notebook: it is not UTF-8 text", "id": "bukan notebook: isinya bukan teks UTF-8"},
    "cut_off": {
        "en": "is cut off: the notebook ends abruptly (an interrupted upload?); the JSON breaks at line {line}, column {column}",
        "id": "terpotong: notebook berakhir tiba-tiba (unggahan terputus?); JSON-nya rusak di baris {line}, kolom {column}",
    },
    "bad_json": {
        "en": "is not valid JSON ({error} at line {line}, column {column}); was it edited by hand?",
        "id": "bukan JSON yang sah ({error} di baris {line}, kolom {column}); apakah diubah secara manual?",
    },
    "bad_json_other": {"en": "is not valid JSON ({error})", "id": "bukan JSON yang sah ({error})"},
    "too_deep": {
        "en": "is not a notebook: its JSON is nested too deeply to read",
        "id": "bukan notebook: JSON-nya bersarang terlalu dalam untuk dibaca",
    },
    "no_cells": {"en": "is JSON but not a Jupyter notebook (no cells)", "id": "berupa JSON, tetapi bukan notebook Jupyter (tidak ada sel)"},
    "not_course_notebook": {
        "en": "is not a notebook this course can read: {problem}",
        "id": "bukan notebook yang dapat dibaca mata kuliah ini: {problem}",
    },
    "stamp_damaged": {
        "en": "the course stamp in the notebook's metadata is damaged ({problem}); it was ignored",
        "id": "cap mata kuliah di metadata notebook rusak ({problem}); cap itu diabaikan",
    },
    "no_stamp": {
        "en": "has no lesson stamp (a new notebook?); its answer records are of lesson {lesson}",
        "id": "tidak memiliki cap pelajaran (notebook baru?); rekaman jawabannya berasal dari pelajaran {lesson}",
    },
    "cell_skipped": {"en": "cell {cell}: {problem}; the cell was skipped", "id": "sel {cell}: {problem}; sel itu dilewati"},
    "cell_record_damaged": {
        "en": "cell {cell}: an answer record is damaged ({problem}) and was ignored",
        "id": "sel {cell}: sebuah rekaman jawaban rusak ({problem}) dan diabaikan",
    },
    "copy_edited": {
        "en": "{exercise}: one copy of the answer record was edited outside the notebook; the intact copy was graded",
        "id": "{exercise}: satu salinan rekaman jawaban diubah di luar notebook; salinan yang utuh yang dinilai",
    },
    "record_edited": {
        "en": "{exercise}: the answer record was edited outside the notebook (it fails its check): 0 points",
        "id": "{exercise}: rekaman jawaban diubah di luar notebook (tidak lolos pemeriksaan): 0 poin",
    },
    "copy_damaged": {
        "en": "{exercise}: one copy of the answer record is damaged ({problem}); the intact copy was graded",
        "id": "{exercise}: satu salinan rekaman jawaban rusak ({problem}); salinan yang utuh yang dinilai",
    },
    "duplicate_records": {
        "en": "{exercise}: two different answer records with the same attempt count (a duplicated cell?); the first one was graded",
        "id": "{exercise}: ada dua rekaman jawaban berbeda dengan jumlah percobaan yang sama (sel terduplikasi?); yang pertama yang dinilai",
    },
    # grading one notebook (course.grading)
    "record_damaged": {
        "en": "{exercise}: the answer record is damaged ({problem}): 0 points",
        "id": "{exercise}: rekaman jawaban rusak ({problem}): 0 poin",
    },
    "record_missing": {
        "en": "{exercise}: no answer record (its output was cleared, or the cell never ran): 0 points",
        "id": "{exercise}: tidak ada rekaman jawaban (keluaran selnya dihapus, atau selnya tidak pernah dijalankan): 0 poin",
    },
    "cell_missing": {
        "en": "{exercise}: the exercise's cell is missing (deleted?): 0 points",
        "id": "{exercise}: sel soal ini tidak ada (terhapus?): 0 poin",
    },
    "record_wrong_type": {
        "en": "{exercise}: the answer record is of a {found} exercise, but this is a {kind} exercise: 0 points",
        "id": "{exercise}: rekaman jawaban ini milik soal {found}, padahal soal ini berjenis {kind}: 0 poin",
    },
    "answer_invalid": {
        "en": "{exercise}: the saved answer is not a valid {kind} answer ({problem}): 0 points",
        "id": "{exercise}: jawaban yang tersimpan bukan jawaban {kind} yang sah ({problem}): 0 poin",
    },
    "needs_review": {
        "en": "{exercise}: the short text needs your review ({feedback}): 0 points until you grade it by hand",
        "id": "{exercise}: jawaban singkat ini perlu Anda periksa ({feedback}): 0 poin sampai Anda menilainya sendiri",
    },
    "unknown_records": {
        "en": "answer records for exercises not in lesson {lesson} were ignored: {exercises}",
        "id": "rekaman jawaban untuk soal yang tidak ada di pelajaran {lesson} diabaikan: {exercises}",
    },
    "other_mode_records": {
        "en": "has answer records made in {modes} mode, but the notebook was released for {mode}",
        "id": "memuat rekaman jawaban yang dibuat dalam mode {modes}, padahal notebook ini dibagikan untuk {mode}",
    },
    "other_release_records": {
        "en": "has answer records made in another release ({others}) than the notebook's ({release}); were they copied from another file?",
        "id": "memuat rekaman jawaban dari rilis lain ({others}), bukan dari rilis notebook ini ({release}); apakah disalin dari berkas lain?",
    },
    "wrong_lesson": {
        "en": "is the notebook of lesson {found}, not lesson {lesson}: 0 points",
        "id": "adalah notebook pelajaran {found}, bukan pelajaran {lesson}: 0 poin",
    },
    "other_mode": {
        "en": "was released for {found}, but lesson {lesson} is graded for {mode} in this run",
        "id": "dibagikan untuk {found}, tetapi pelajaran {lesson} dinilai sebagai {mode} kali ini",
    },
    "other_mode_practice": {
        "en": "was released for {found}, but lesson {lesson} is graded for {mode} in this run (the student saw feedback at every try)",
        "id": "dibagikan untuk {found}, tetapi pelajaran {lesson} dinilai sebagai {mode} kali ini (mahasiswa melihat umpan balik di setiap percobaan)",
    },
    "grading_failed": {
        "en": "could not be graded (unexpected {error}); please send this file to the course maintainers: 0 points",
        "id": "tidak dapat dinilai (galat tak terduga {error}); mohon kirimkan berkas ini kepada pengelola mata kuliah: 0 poin",
    },
    "page_failed": {
        "en": "the feedback page could not be written (unexpected {error})",
        "id": "halaman umpan balik tidak dapat dibuat (galat tak terduga {error})",
    },
    # the class as a whole (course.grading)
    "identical_answers": {
        "en": "note: {count} students handed in identical answers to {exercises} exercises ({students}); possible copying, worth a look (no points were taken)",
        "id": "catatan: {count} mahasiswa mengumpulkan jawaban yang sama persis untuk {exercises} soal ({students}); mungkin menyalin, sebaiknya diperiksa (nilai tidak dikurangi)",
    },
    "chosen_file": {
        "en": "graded for student '{student}', who handed in {count} files: {why}",
        "id": "dinilai untuk mahasiswa '{student}', yang mengumpulkan {count} berkas: {why}",
    },
    "why_unreadable": {"en": "the others could not be read ({files})", "id": "berkas lainnya tidak dapat dibaca ({files})"},
    "why_lesson": {
        "en": "it is of lesson {lesson}; {other} is of lesson {other_lesson}",
        "id": "berkas ini untuk pelajaran {lesson}; {other} untuk pelajaran {other_lesson}",
    },
    "why_mode": {
        "en": "it was released for {mode}, as this run grades; {other} was released for {other_mode}",
        "id": "berkas ini dibagikan untuk {mode}, sesuai yang dinilai kali ini; {other} dibagikan untuk {other_mode}",
    },
    "why_most": {"en": "it has the most answered exercises ({counts})", "id": "berkas ini memiliki soal terjawab terbanyak ({counts})"},
    "why_newest": {
        "en": "it is the newest of the files with the most answered exercises ({counts})",
        "id": "berkas ini yang terbaru di antara berkas dengan soal terjawab terbanyak ({counts})",
    },
    "answered_counts": {
        "en": "{answered} answered exercises against {others}",
        "id": "{answered} soal terjawab, dibandingkan dengan {others}",
    },
    "answered_in": {"en": "{count} in {file}", "id": "{count} di {file}"},
    "moodle_numbers": {
        "en": "note: students are named by Moodle's participant numbers, which differ from one assignment to the next; give --moodle-worksheet (or --roster) to key the gradebook by email",
        "id": "catatan: mahasiswa dikenali dari nomor peserta Moodle, yang berbeda di setiap tugas; berikan --moodle-worksheet (atau --roster) agar buku nilai memakai email",
    },
    "the_roster": {"en": "the roster", "id": "daftar kelas"},
    "not_on_roster": {
        "en": "'{student}' is not on the class list {roster} (a name spelled differently, or another class?): graded under this name",
        "id": "'{student}' tidak ada di daftar kelas {roster} (ejaan nama berbeda, atau kelas lain?): dinilai dengan nama ini",
    },
    "shared_name": {
        "en": "two or more students on the class list {roster} are called '{student}': graded under this name; find out whose file it is and enter the grade by hand",
        "id": "dua mahasiswa atau lebih di daftar kelas {roster} bernama '{student}': dinilai dengan nama ini; pastikan milik siapa berkas ini, lalu masukkan nilainya secara manual",
    },
    "absent": {
        "en": "{count} students on {roster} handed in nothing: {names}{more} (rows with status '{status}' were added)",
        "id": "{count} mahasiswa di {roster} tidak mengumpulkan apa pun: {names}{more} (baris berstatus '{status}' ditambahkan)",
    },
    # the gradebook (course.results.gradebook)
    "kept_earlier": {
        "en": "student '{student}' keeps the earlier grade of lesson {label} ({points} points from {earlier}), because this file could not be graded",
        "id": "mahasiswa '{student}' tetap memakai nilai sebelumnya untuk pelajaran {label} ({points} poin dari {earlier}), karena berkas ini tidak dapat dinilai",
    },
    # the LMS files (course.lms)
    "moodle_not_in_sheet": {
        "en": "moodle: '{student}' ({where}) is not in the grading worksheet {sheet}: enter the grade by hand, or download the worksheet again",
        "id": "moodle: '{student}' ({where}) tidak ada di lembar penilaian {sheet}: masukkan nilainya secara manual, atau unduh ulang lembar penilaiannya",
    },
    "moodle_participant": {"en": "participant {number}", "id": "peserta {number}"},
    "moodle_no_participant": {"en": "no participant number", "id": "tanpa nomor peserta"},
    "moodle_no_comments": {
        "en": "moodle: the worksheet has no 'Feedback comments' column (feedback comments are off for this assignment): only grades were filled",
        "id": "moodle: lembar penilaian tidak memiliki kolom 'Feedback comments' (komentar umpan balik tidak aktif untuk tugas ini): hanya nilai yang diisi",
    },
    "moodle_no_number": {
        "en": "moodle: no participant number for '{student}': their feedback page is only in feedback/ (give --moodle-worksheet to match them)",
        "id": "moodle: tidak ada nomor peserta untuk '{student}': halaman umpan baliknya hanya ada di feedback/ (berikan --moodle-worksheet untuk mencocokkannya)",
    },
    "canvas_not_in_export": {
        "en": "canvas: '{student}' is not in the gradebook export {export}: enter the grade by hand, or export the gradebook again",
        "id": "canvas: '{student}' tidak ada di ekspor buku nilai {export}: masukkan nilainya secara manual, atau ekspor ulang buku nilainya",
    },
    "canvas_anonymous": {
        "en": "canvas: {count} submissions were downloaded under anonymous grading: Canvas cannot attach comment files to them; post the grades, download again with names, and grade that download for comment files",
        "id": "canvas: {count} kiriman diunduh dengan penilaian anonim: Canvas tidak dapat melampirkan berkas komentar padanya; terbitkan nilainya, unduh ulang dengan nama, lalu nilai unduhan itu untuk mendapatkan berkas komentar",
    },
}
