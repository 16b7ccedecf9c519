"""Which body paragraph each task row implements (its `section`).

A row's content restates part of one paragraph of the body, so each row is
scored against each paragraph by the share of its character pairs (bigrams)
that the paragraph contains. The annex follows the body's order, so the
sections are chosen together: the non-decreasing sequence with the highest
total score. On the 2021 plan this finds all 99 sections recorded by hand.
"""

from __future__ import annotations

from gongkai_cli.plan.importing.table import squeeze


def _bigrams(text: str) -> set[str]:
    text = squeeze(text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def match_sections(contents: list[str], paragraphs: list[tuple[str, str]]) -> list[str | None]:
    """The id of the paragraph each content implements, in order; None where nothing fits."""
    if not paragraphs or not contents:
        return [None] * len(contents)
    count = len(paragraphs)
    # Which paragraphs hold each bigram: a row's scores are then one pass over its own bigrams.
    holders: dict[str, list[int]] = {}
    for j, (_, text) in enumerate(paragraphs):
        for gram in _bigrams(text):
            holders.setdefault(gram, []).append(j)
    scores = []
    for content in contents:
        row = _bigrams(content)
        hits = [0] * count
        for gram in row:
            for j in holders.get(gram, ()):
                hits[j] += 1
        size = len(row) or 1
        scores.append([hit / size for hit in hits])
    best = list(scores[0])
    back: list[list[int]] = []
    for row_scores in scores[1:]:
        run, arg = -1.0, 0
        step_back = []
        new = []
        for j in range(count):
            if best[j] > run:
                run, arg = best[j], j
            new.append(run + row_scores[j])
            step_back.append(arg)
        back.append(step_back)
        best = new
    j = max(range(count), key=lambda k: best[k])
    path = [j]
    for step_back in reversed(back):
        j = step_back[j]
        path.append(j)
    path.reverse()
    return [paragraphs[j][0] if scores[i][j] >= 0.05 else None for i, j in enumerate(path)]
