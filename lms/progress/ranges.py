"""Watched time as a set of [start, end) intervals in seconds.

Pure functions: re-watching a part never counts twice, and only intervals a
learner actually played are ever added (seeking adds nothing)."""

Interval = tuple[float, float]


def merge(intervals) -> list[Interval]:
    """Sorted, non-overlapping intervals covering the same time; touching
    intervals (gap under 0.5 s, a timeupdate tick) are joined."""
    merged: list[list[float]] = []
    for start, end in sorted((float(s), float(e)) for s, e in intervals):
        if merged and start <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def total(intervals) -> float:
    return sum(end - start for start, end in merge(intervals))


def added_by(new, existing) -> float:
    """Seconds ``new`` adds to what ``existing`` already covers."""
    return total([*existing, *new]) - total(existing)


def is_valid(interval, duration: float) -> bool:
    start, end = interval
    return 0 <= start < end <= duration + 1.0  # players overshoot the end slightly
