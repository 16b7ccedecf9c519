"""Record entries of the corpus (tests/corpus/*.json) that tests/test_corpus.py replays.

    python tools/record_corpus.py                    # record the entries not yet recorded
    python tools/record_corpus.py 'due/*' show/6     # re-record these ids (fnmatch patterns)
    python tools/record_corpus.py --all              # re-record every entry
    python tools/record_corpus.py --list 'report/*'  # the ids a pattern matches

Re-record only what you changed on purpose, and say in the commit why each entry's
output changed (git diff tests/corpus shows it line by line). To add a command, add
`{"id": ..., "args": [...]}` (and `env`, `files`, `setup`, `stdin`, `collect` as
tests/corpus_harness.py describes them) to the family's file and run this with its
id. Each entry is run twice, in working directories of different path lengths; an
entry whose output differs between the two runs (a clock, a path that moves a
table's columns) is refused, since its replay could not be byte-identical.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import corpus_harness as harness  # noqa: E402


def _chosen(entry: harness.Entry, patterns: list[str], every: bool) -> bool:
    if every:
        return True
    if patterns:
        return any(fnmatch.fnmatchcase(entry["id"], p) for p in patterns)
    return "exit" not in entry


def _record(entry: harness.Entry, scratch: Path, cache: Path) -> harness.Entry:
    outcomes = []
    for number, name in enumerate(("a", "a-longer-working-directory-name")):
        work = scratch / f"{entry['id'].replace('/', '_')}-{number}" / name
        work.mkdir(parents=True)
        outcomes.append(harness.run_entry(entry, work, cache))
    if outcomes[0] != outcomes[1]:
        raise _Refused("output differs between two runs")
    return outcomes[0]


class _Refused(Exception):
    """An entry that cannot be recorded: its replay would not be byte-identical."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("patterns", nargs="*", help="ids to re-record (fnmatch patterns)")
    parser.add_argument("--all", action="store_true", help="re-record every entry")
    parser.add_argument("--list", action="store_true", help="list the ids matched, record none")
    options = parser.parse_args()
    matched = changed = 0
    refused: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gongkai-corpus-") as temp:
        scratch = Path(temp)
        cache = scratch / "cache"
        for family in harness.families():
            entries = harness.load(family)
            touched = False
            for index, entry in enumerate(entries):
                if not _chosen(entry, options.patterns, options.all):
                    continue
                matched += 1
                if options.list:
                    print(entry["id"])
                    continue
                try:
                    outcome = _record(entry, scratch, cache)
                except (_Refused, AssertionError) as exc:
                    refused.append(f"{entry['id']}: {exc}")
                    continue
                old = {k: entry[k] for k in harness.RECORDED if k in entry}
                if outcome != old:
                    changed += 1
                    print(f"{'recorded' if not old else 'changed'}: {entry['id']}")
                    kept = {k: v for k, v in entry.items() if k not in harness.RECORDED}
                    entries[index] = {**kept, **outcome}
                    touched = True
            if touched:
                harness.dump(family, entries)
    if options.patterns and not matched:
        print("no entry matches", " ".join(options.patterns), file=sys.stderr)
        return 2
    if not options.list:
        print(f"{matched} entries run, {changed} recorded or changed", file=sys.stderr)
    for reason in refused:
        print(f"not recorded: {reason}", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
