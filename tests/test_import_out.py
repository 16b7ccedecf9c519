"""Where `gongkai import` may write its draft, and what `--force` may replace
(issue 20 items 8 and 15).

The audit's repros: an empty `--out` was the current directory, so
`import … --out "" --force` deleted the files there, and `--out .. --force`
replaced the parent; a 300-character `--out` and `--year 99999` gave tracebacks;
`import --id ../../etc` was accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SOURCE, Gongkai

HERE_OR_ABOVE = (
    "is the current directory or holds it; the draft is a new directory of its own "
    "(e.g. --out ./plan-2025)"
)


def tree(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*") if p.is_file()
    }


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory two levels down, with a person's files in it and above it."""
    work = tmp_path / "office" / "work"
    work.mkdir(parents=True)
    (work / "报告.docx").write_bytes(b"mine")
    (tmp_path / "office" / "台账.xlsx").write_bytes(b"mine too")
    monkeypatch.chdir(work)
    return work


@pytest.mark.parametrize(
    ("out", "shown"), [("", "."), (".", "."), ("./", "."), ("..", ".."), ("../..", "../..")]
)
def test_the_current_directory_or_one_above_it_is_never_the_draft(
    gongkai: Gongkai, tmp_path: Path, work: Path, out: str, shown: str
) -> None:
    before = tree(tmp_path)
    assert gongkai("import", str(SOURCE), "--out", out, "--force") == (
        2,
        "",
        f"Error: --out {shown} {HERE_OR_ABOVE}\n",
    )
    assert tree(tmp_path) == before


def test_an_absolute_ancestor_is_refused_too(gongkai: Gongkai, tmp_path: Path, work: Path) -> None:
    before = tree(tmp_path)
    office = tmp_path / "office"
    assert gongkai("import", str(SOURCE), "--out", str(office), "--force") == (
        2,
        "",
        f"Error: --out {office} {HERE_OR_ABOVE}\n",
    )
    assert tree(tmp_path) == before


def test_the_home_directory_is_never_the_draft(
    gongkai: Gongkai, tmp_path: Path, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("mine", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    assert gongkai("import", str(SOURCE), "--out", str(home), "--force") == (
        2,
        "",
        f"Error: --out {home} is the home directory; the draft is a new directory of its own\n",
    )
    assert tree(home) == {".bashrc": b"mine"}


def test_force_replaces_a_draft_but_never_a_directory_of_other_files(
    gongkai: Gongkai, tmp_path: Path, work: Path
) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.txt").write_text("mine", encoding="utf-8")
    (papers / "tasks.yaml").write_text("mine too", encoding="utf-8")
    assert gongkai("import", str(SOURCE), "--out", str(papers), "--force") == (
        2,
        "",
        f"Error: {papers} holds files that are not a draft's (a.txt); --force replaces only "
        "a draft gongkai wrote: move them, or choose another --out\n",
    )
    assert tree(papers) == {"a.txt": b"mine", "tasks.yaml": b"mine too"}
    draft = tmp_path / "draft"
    assert gongkai("import", str(SOURCE), "--out", str(draft))[0] == 0
    (draft / "tasks.yaml").write_text("edited", encoding="utf-8")
    assert gongkai("import", str(SOURCE), "--out", str(draft), "--force")[0] == 0
    assert (draft / "tasks.yaml").read_text(encoding="utf-8") != "edited"
    assert sorted(p.name for p in draft.iterdir()) == ["source", "tasks.yaml", "units.yaml"]
    (draft / "progress.yaml").write_text("entries: []\n", encoding="utf-8")
    code, _, err = gongkai("import", str(SOURCE), "--out", str(draft), "--force")
    assert (code, err) == (
        2,
        f"Error: {draft} holds files that are not a draft's (progress.yaml); --force replaces "
        "only a draft gongkai wrote: move them, or choose another --out\n",
    )


def test_a_300_character_out_is_one_line(gongkai: Gongkai, work: Path) -> None:
    name = "a" * 300
    assert gongkai("import", str(SOURCE), "--out", name) == (
        2,
        "",
        f"Error: cannot write {'a' * 200}…: File name too long\n",
    )
    assert gongkai("import", str(SOURCE), "--out", f"new/{name}") == (
        2,
        "",
        f"Error: cannot write {('new/' + name)[:200]}…: File name too long\n",
    )
    assert sorted(p.name for p in work.iterdir()) == ["报告.docx"]


@pytest.mark.parametrize("year", ["99999", "0", "-5", "1899", "2101"])
def test_a_year_outside_the_readable_years_is_one_line(
    gongkai: Gongkai, work: Path, year: str
) -> None:
    assert gongkai("import", str(SOURCE), "--out", "draft", "--year", year) == (
        2,
        "",
        f"Error: --year {year} is not a year gongkai reads (1900..2100)\n",
    )
    assert not (work / "draft").exists()


@pytest.mark.parametrize("plan_id", ["../../etc", "/etc", "a b", ".hidden", "x" * 65, ""])
def test_an_id_that_cannot_be_a_plan_id_is_refused_before_writing(
    gongkai: Gongkai, work: Path, plan_id: str
) -> None:
    code, out, err = gongkai("import", str(SOURCE), "--out", "draft", "--id", plan_id)
    assert (code, out) == (2, "")
    assert err.startswith("Error: ") and "cannot be a plan id" in err and err.count("\n") == 1
    assert not (work / "draft").exists()


def test_an_id_with_spaces_around_it_is_the_id_within(gongkai: Gongkai, work: Path) -> None:
    code, out, _ = gongkai(
        "import", str(SOURCE), "--out", "draft", "--id", " sh-2021\n", "-f", "json"
    )
    assert code == 0
    assert '"id": "sh-2021"' in out
