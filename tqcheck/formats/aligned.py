"""A plain-text or Markdown translation paired with its original (`--source FILE`).

Paragraphs are paired by order. A pair whose lengths do not fit (after the expected
source/target ratio) is marked `aligned=False`: source-aware rules skip it and TQ508
reports it, so nothing is silently checked against the wrong paragraph. When the counts
differ, a Gale-Church-style dynamic programme on lengths finds 1-1, 1-0, 0-1, 2-1 and 1-2
pairings; only 1-1 pairs are checked. With a multilingual embedder, a 1-1 pair whose
cross-lingual similarity is below SIM_MIN is not trusted either (its meaning differs).
The reason is kept in `Segment.state`: "unpaired", "length" or "meaning".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from tqcheck.document import Document, Segment, Span

# Scores pairs of (source, target) texts: cosine similarities of a multilingual encoder.
Similarity = Callable[[Sequence[str], Sequence[str]], Sequence[float]]
SIM_MIN = 0.3  # translations score 0.5-0.8 with multilingual encoders, unrelated text < 0.2
RATIO_SLACK = 2.2  # a 1-1 pair whose length ratio strays further than this is suspect
_MIN_CHARS = 40  # below this, length ratios say little (headlines, datelines)


def pair_with_source(
    target: Document, source: Document, similarity: Similarity | None = None
) -> Document:
    """The target document with one Segment per target paragraph, holding its source."""
    src = [source.text[p.start : p.end] for p in source.paragraphs]
    tgt = list(target.paragraphs)
    ratio = _global_ratio(src, [target.text[p.start : p.end] for p in tgt])
    segments = []
    for kind, s_index, t_index in _align([len(s) for s in src], [p.end - p.start for p in tgt]):
        if t_index is None:
            continue
        span = tgt[t_index]
        text = target.text[span.start : span.end]
        source_text = src[s_index] if s_index is not None else ""
        if kind != "1-1":
            reason = "unpaired"
        else:
            reason = None if _fits(len(source_text), len(text), ratio) else "length"
        segments.append(Segment(str(t_index + 1), source_text, text, span.start,
                                state=reason, aligned=reason is None))  # fmt: skip
    if similarity is not None:
        segments = _by_meaning(segments, similarity)
    return replace(target, segments=tuple(segments), source_lang=source.source_lang)


def _by_meaning(segments: list[Segment], similarity: Similarity) -> list[Segment]:
    """Distrust 1-1 pairs whose cross-lingual similarity says they mean different things."""
    paired = [i for i, s in enumerate(segments) if s.aligned and s.source.strip()]
    scores = similarity([segments[i].source for i in paired], [segments[i].target for i in paired])
    for index, score in zip(paired, scores, strict=True):
        if score < SIM_MIN:
            segments[index] = replace(segments[index], aligned=False, state="meaning")
    return segments


def _global_ratio(src: list[str], tgt: list[str]) -> float:
    total_src = sum(len(s) for s in src) or 1
    return max(0.3, min(3.0, sum(len(t) for t in tgt) / total_src))


def _fits(source_len: int, target_len: int, ratio: float) -> bool:
    if max(source_len * ratio, target_len) < _MIN_CHARS:
        return True
    expected = max(1.0, source_len * ratio)
    return 1 / RATIO_SLACK <= max(1, target_len) / expected <= RATIO_SLACK


def _cost(src_len: int, tgt_len: int, ratio: float) -> float:
    """How unlikely it is that these lengths translate each other (0 = exactly expected)."""
    expected = max(1.0, src_len * ratio)
    return abs(math.log(max(1, tgt_len) / expected))


def _align(src: list[int], tgt: list[int]) -> list[tuple[str, int | None, int | None]]:
    """Pairings ("1-1", source index, target index) in order; 2-1 and 1-2 are listed per part."""
    ratio = max(0.3, min(3.0, (sum(tgt) or 1) / (sum(src) or 1)))
    if len(src) == len(tgt):
        return [("1-1", i, i) for i in range(len(src))]
    skip = 3.0  # the price of leaving a paragraph unpaired
    inf = float("inf")
    n, m = len(src), len(tgt)
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == inf:
                continue
            moves = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]
            for di, dj in moves:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if di and dj:
                    cost = _cost(sum(src[i:a]), sum(tgt[j:b]), ratio) + (0.5 if di + dj > 2 else 0)
                else:
                    cost = skip
                if best[i][j] + cost < best[a][b]:
                    best[a][b], back[a][b] = best[i][j] + cost, (di, dj)
    pairs: list[tuple[str, int | None, int | None]] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        kind = f"{di}-{dj}"
        if di == 0:
            pairs.append((kind, None, j - 1))
        elif dj == 0:
            pairs.append((kind, i - 1, None))
        else:
            for t in range(j - dj, j):
                pairs.append((kind, i - di, t))
        i, j = i - di, j - dj
    return pairs[::-1]


def unpaired_spans(document: Document) -> list[Span]:
    """Target paragraphs that have no trustworthy source paragraph."""
    return [Span(s.start, s.end) for s in document.segments if not s.aligned]
