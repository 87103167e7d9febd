"""The corpus loader: the bundled abstracts load, and every bad file gets a clear message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import course
from course.errors import CorpusError
from course.library.corpus import COLUMNS, check_abstracts, load_abstracts, split_list

HEADER = ",".join(COLUMNS)
GOOD_ROW = 'demo-1,A title,Ana Author; Budi Penulis,Governance; Policy,Tata kelola,"An abstract, with a comma.",Abstrak.,'
SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


def write(tmp_path: Path, text: str | bytes, name: str = "mine.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_bundled_corpus_has_the_two_abstracts_with_the_schema():
    table = load_abstracts()
    assert list(table.columns) == list(COLUMNS)
    assert table["id"].tolist() == ["eviningrum-budiono", "fatmawati"]
    first, second = table.iloc[0], table.iloc[1]
    assert first["title"] == "" and first["keywords_id"] == ""  # the source gives neither
    assert split_list(first["authors"]) == ["Sulistya Eviningrum", "Arief Budiono"]
    assert split_list(first["keywords_en"]) == ["Bureaucratic Harmonization", "Government", "Good Governance"]
    assert second["title"] == "Kemitraan Dalam Pelayanan Publik : Sebuah Penjelajahan Teoritik"
    assert second["authors"] == "Fatmawati Fatmawati"
    assert split_list(second["keywords_id"]) == ["Manajemen Birokrasi", "Profesional", "Pelayanan Publik"]


def _normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("column", ["abstract_en", "abstract_id"])
def test_abstracts_are_verbatim_from_the_sources(column):
    sources = {
        "eviningrum-budiono": _normalised((SOURCES / "000_2d6989350bafa7d3.txt").read_text(encoding="utf-8")),
        "fatmawati": _normalised((SOURCES / "002_dc009e943991c7d7.txt").read_text(encoding="utf-8")),
    }
    for _, row in load_abstracts().iterrows():
        assert len(row[column]) > 500
        assert row[column] in sources[row["id"]], f"{row['id']} {column} differs from the source text"


def test_no_invented_bibliographic_fields():
    table = load_abstracts()
    joined = " ".join(table["source"]) + " ".join(table["title"])
    assert not re.search(r"\b(19|20)\d\d\b", joined), "a year appears although no year is known"
    assert "doi" not in joined.lower()


def test_lecturer_csv_with_bom_and_extra_blank_rows_loads(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + f"{HEADER}\r\n{GOOD_ROW}\r\n,,,,,,,\r\n".encode())
    table = course.load_abstracts(path)
    assert table.shape == (1, 8)
    assert table.loc[0, "abstract_en"] == "An abstract, with a comma."


def test_semicolon_separated_csv_from_indonesian_excel_loads(tmp_path):
    row = 'demo-1;A title;"Ana; Budi";Governance;;An abstract.;Abstrak.;'
    table = load_abstracts(write(tmp_path, HEADER.replace(",", ";") + "\n" + row + "\n"))
    assert table.loc[0, "authors"] == "Ana; Budi"


BAD_FILES = {
    "missing column": (HEADER.replace(",source", "") + "\n" + GOOD_ROW[:-1] + "\n", "column 'source': missing column"),
    "unknown column": (HEADER + ",year\n" + GOOD_ROW + ",2020\n", "column 'year': unknown column"),
    "misspelt column": (HEADER.replace("authors", "author") + "\n" + GOOD_ROW + "\n", "rename it to 'authors'"),
    "duplicate column": (HEADER + ",title\n" + GOOD_ROW + ",x\n", "column 'title': this column appears twice"),
    "empty id": (HEADER + "\n" + GOOD_ROW.replace("demo-1", "", 1) + "\n", "row 2, column 'id': the id is empty"),
    "bad id": (HEADER + "\n" + GOOD_ROW.replace("demo-1", "Demo 1", 1) + "\n", "e.g. 'demo-1'"),
    "duplicate id": (HEADER + "\n" + GOOD_ROW + "\n" + GOOD_ROW + "\n", "row 3, column 'id': the id 'demo-1' is already used in row 2"),
    "empty authors": (HEADER + "\n" + GOOD_ROW.replace("Ana Author; Budi Penulis", "") + "\n", "row 2, column 'authors': no authors"),
    "no abstract at all": (HEADER + "\n" + 'demo-1,T,Ana,,,"","",\n', "both abstracts are empty"),
    "comma keywords": (HEADER + "\n" + GOOD_ROW.replace("Governance; Policy", '"Governance, Policy"') + "\n", "separate keywords with ';'"),
    "unquoted comma": (
        HEADER + "\n" + GOOD_ROW.replace('"An abstract, with a comma."', "An abstract, with a comma.") + "\n",
        "row 2: this row has 9 fields but the header has 8",
    ),
    "unclosed quote": (HEADER + "\n" + GOOD_ROW.replace('"An abstract, with a comma."', '"An abstract') + "\n", "quoting is broken"),
    "empty file": ("", "is empty"),
    "only blanks": ("\n\n   \n", "is empty"),
    "header only": (HEADER + "\n", "has a header but no abstracts"),
    "not a csv (prose)": ("Dear students,\nhere are the abstracts.\n", "row 1: the first row is not a header"),
    "excel workbook": (b"PK\x03\x04" + b"\x00" * 40, "is an Excel workbook"),
    "old excel workbook": (b"\xd0\xcf\x11\xe0" + b"\x00" * 40, "old Excel workbook"),
    "utf-16 unicode text": ("id,title".encode("utf-16"), "UTF-16"),
    "cp1252 from excel": (
        (HEADER + "\n" + GOOD_ROW.replace("Abstrak.", "Abstrak \u201cbaik\u201d.") + "\n").encode("cp1252"),
        "line 2: is not UTF-8 text (byte 0x93",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_gets_a_message_naming_file_place_and_fix(tmp_path, case):
    content, expected = BAD_FILES[case]
    path = write(tmp_path, content)
    with pytest.raises(CorpusError) as caught:
        load_abstracts(path)
    message = str(caught.value)
    assert message.startswith("mine.csv"), message
    assert expected in message, message
    assert "Traceback" not in message and "\n" not in message


def test_cp1252_message_names_excel_and_the_fix(tmp_path):
    path = write(tmp_path, (HEADER + "\n" + GOOD_ROW.replace("Abstrak.", "Abstrak \u2013 baik.") + "\n").encode("cp1252"))
    message = str(check_abstracts(path)[0])
    assert "Windows-1252" in message and "CSV UTF-8" in message


def test_all_problems_are_listed_not_only_the_first(tmp_path):
    bad = GOOD_ROW.replace("demo-1", "Bad Id", 1).replace("Ana Author; Budi Penulis", "")
    problems = check_abstracts(write(tmp_path, HEADER + "\n" + bad + "\n" + GOOD_ROW + "\n" + GOOD_ROW + "\n"))
    text = [str(p) for p in problems]
    assert len(problems) == 3, text
    assert any("'Bad Id' is not a valid id" in t for t in text)
    assert any("row 2, column 'authors'" in t for t in text)
    assert any("row 4, column 'id'" in t for t in text)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CorpusError, match=r"nope\.csv: file not found"):
        load_abstracts(tmp_path / "nope.csv")
    with pytest.raises(CorpusError, match="is a folder"):
        load_abstracts(tmp_path)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course", *args], capture_output=True, text=True, timeout=120)


def test_cli_check_abstracts_good_file_exits_0():
    result = run_cli("check-abstracts", str(Path(course.__file__).parents[1] / "data" / "abstracts.csv"))
    assert result.returncode == 0, result.stderr
    assert "OK, 2 abstracts" in result.stdout


@pytest.mark.parametrize("case", ["duplicate id", "cp1252 from excel", "excel workbook", "empty file", "unclosed quote"])
def test_cli_check_abstracts_bad_file_exits_1_without_traceback(tmp_path, case):
    content, expected = BAD_FILES[case]
    result = run_cli("check-abstracts", str(write(tmp_path, content)))
    assert result.returncode == 1
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""


def test_cli_check_abstracts_missing_file(tmp_path):
    result = run_cli("check-abstracts", str(tmp_path / "missing.csv"))
    assert result.returncode == 1 and "file not found" in result.stdout and not result.stderr


def test_load_returns_plain_text_columns():
    table = load_abstracts()
    assert all(pd.api.types.is_string_dtype(table[c]) for c in COLUMNS)
    assert not table.isna().any().any()


def test_chart_labels_follow_the_language():
    import course

    assert course.labels("00-chart-labels", "id")["words"] == "kata"
    assert course.labels("00-chart-labels", "en")["x"] == "abstract"
    with pytest.raises(ValueError, match="needs the columns key, en and id"):
        course.labels("03-cpi-indonesia", "en")
