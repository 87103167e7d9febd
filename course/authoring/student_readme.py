"""The README of a student release: how to open the lessons on each system and how to hand work in, in English and Indonesian."""

from __future__ import annotations

from pathlib import Path


def student_readme(mode: str, langs: list[str], masters: list[Path]) -> str:
    """The release's README: how to open it on each system and how to hand work in, in English and Indonesian."""
    first = min(masters, key=lambda m: (m.parent.name != ("id" if langs == ["id"] else "en"), m.name))
    lessons = "\n".join(f"- `notebooks/{m.parent.name}/{m.name}`" for m in masters)
    lang = " --lang id" if langs == ["id"] else ""
    if mode == "assessment":
        mode_en = (
            "This release is for **assessment**: your answers are recorded and graded by your lecturer; "
            "the notebooks do not say whether an answer is right."
        )
        mode_id = (
            "Rilis ini untuk **penilaian**: jawaban Anda direkam dan dinilai oleh dosen; "
            "notebook tidak memberi tahu apakah jawaban sudah tepat."
        )
    else:
        mode_en = "This release is for **practice**: every exercise tells you at once why an answer is right or wrong."
        mode_id = "Rilis ini untuk **latihan**: setiap latihan langsung menjelaskan mengapa jawaban Anda tepat atau belum."
    # A release with both languages opens the English lessons by default; the Indonesian paragraph gives its own command.
    both_en = "" if lang else " For the Indonesian notebooks add `--lang id`."
    both_id = (
        ""
        if lang
        else (" Untuk notebook berbahasa Indonesia, ketik `python3 bootstrap.py lab --lang id` (Windows: `py bootstrap.py lab --lang id`).")
    )
    return f"""# Good governance in Jupyter · student copy · salinan mahasiswa

{mode_en}

{mode_id}

## Open the course · Membuka kursus

You need Python 3.11 or newer. Open a terminal in this folder, type the command for your system and press Enter.
The first time it sets everything up (a few minutes, with internet), then JupyterLab opens in your browser.{both_en}

Anda memerlukan Python 3.11 atau yang lebih baru. Buka terminal di folder ini, ketik perintah untuk sistem Anda,
lalu tekan Enter. Pada kali pertama semuanya dipasang (beberapa menit, perlu internet), lalu JupyterLab terbuka di peramban.{both_id}

Linux, macOS:

```bash
python3 bootstrap.py lab{lang}
```

Windows:

```bat
py bootstrap.py lab{lang}
```

How to open a terminal in this folder · Cara membuka terminal di folder ini:

- Windows: in File Explorer open this folder, click its address bar, type `cmd`, press Enter ·
  buka folder ini di File Explorer, klik bilah alamatnya, ketik `cmd`, tekan Enter.
- macOS: open Terminal, type `cd ` (with a space), drag this folder into the window, press Enter ·
  buka Terminal, ketik `cd ` (dengan spasi), seret folder ini ke jendela Terminal, tekan Enter.
- Linux: right-click in the folder and choose *Open in Terminal* · klik kanan di dalam folder, pilih *Open in Terminal*.

Or, with conda · Atau, dengan conda: `conda env create -f environment.yml`,
`conda activate good-governance-course`, then · lalu `jupyter lab notebooks/{first.parent.name}/{first.name}`.

## Hand in · Mengumpulkan

Run the cells from top to bottom with Shift+Enter. Your answers are saved inside each notebook. When you are done,
save the notebook (Ctrl+S) and upload the `.ipynb` file where your lecturer asks for it (in JupyterLab:
*File > Download*).

Jalankan sel dari atas ke bawah dengan Shift+Enter. Jawaban Anda tersimpan di dalam setiap notebook. Setelah selesai,
simpan notebook (Ctrl+S) lalu unggah berkas `.ipynb` tersebut ke tempat yang ditentukan dosen Anda (di JupyterLab:
*File > Download*).

Notebooks in this copy · Notebook dalam salinan ini:

{lessons}
"""
