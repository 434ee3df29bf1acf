"""What a whole attempt amounts to, from the status of its SCOs (packages
played without the sequencer: SCORM 1.2). Pure functions."""

from dataclasses import dataclass

from .data import Manifest

COMPLETED, INCOMPLETE, NOT_ATTEMPTED = "completed", "incomplete", "not attempted"
PASSED, FAILED, UNKNOWN = "passed", "failed", "unknown"


@dataclass(frozen=True)
class ScoStatus:
    completion: str
    success: str
    score_scaled: float | None
    finished: bool  # a session of it ended with Terminate/LMSFinish


@dataclass(frozen=True)
class AttemptStatusSummary:
    completion: str
    success: str
    score_scaled: float | None
    all_finished: bool


def summarise(
    manifest: Manifest, statuses: dict[str, ScoStatus]
) -> AttemptStatusSummary:
    """Completed when every launchable leaf is (an asset is once launched);
    failed when any SCO failed, passed when every SCO that judges success
    passed; the score is the mean of the SCOs' scaled scores."""
    leaves = manifest.launchable
    found = [statuses.get(leaf.identifier) for leaf in leaves]
    completion = _completion(found)
    judged = [s.success for s in found if s is not None and s.success != UNKNOWN]
    if FAILED in judged:
        success = FAILED
    elif judged and completion == COMPLETED:
        success = PASSED
    else:
        success = UNKNOWN
    scores = [s.score_scaled for s in found if s and s.score_scaled is not None]
    return AttemptStatusSummary(
        completion=completion,
        success=success,
        score_scaled=sum(scores) / len(scores) if scores else None,
        all_finished=all(s is not None and s.finished for s in found),
    )


def _completion(found: list[ScoStatus | None]) -> str:
    if all(s is not None and s.completion == COMPLETED for s in found):
        return COMPLETED
    if any(s is not None and s.completion != NOT_ATTEMPTED for s in found):
        return INCOMPLETE
    return NOT_ATTEMPTED


def meets_rule(rule, summary, active_seconds: float) -> bool:
    """Whether an attempt completes the course activity under the author's
    rule (launch.CompletionRule)."""
    if rule.kind == "passed":
        return summary.success == PASSED
    if rule.kind == "finish":
        return summary.all_finished or summary.completion == COMPLETED
    if rule.kind == "minutes":
        return active_seconds >= rule.minutes * 60
    return summary.completion == COMPLETED or summary.success == PASSED
