"""Small hand-built activity trees and the real sequencing packages, for the
tests of lms.scorm.sequencing."""

import zipfile

from lms.scorm.data import Activity, Manifest, ScormVersion
from lms.scorm.sequencing import Sequencer

from . import packages

FIXTURES = packages.FIXTURES / "scorm2004"
FLOW = {"controlMode": {"flow": True}}
PASSED = {"cmi.completion_status": "completed", "cmi.success_status": "passed"}
FAILED = {"cmi.completion_status": "completed", "cmi.success_status": "failed"}


def leaf(identifier: str, seq: dict | None = None, **fields) -> Activity:
    return Activity(
        identifier=identifier,
        title=identifier.upper(),
        launch=f"{identifier}.html",
        is_sco=True,
        sequencing=seq,
        **fields,
    )


def cluster(identifier: str, *children: Activity, seq: dict | None = None, **fields):
    return Activity(
        identifier=identifier,
        title=identifier.upper(),
        children=children,
        sequencing=seq,
        **fields,
    )


def sequencer(*children: Activity, seq: dict | None = None, **fields) -> Sequencer:
    """A course whose root ("org") has ``children`` and ``seq``."""
    return Sequencer(
        Manifest(
            identifier="course",
            version=ScormVersion.SCORM_2004_4,
            title="Course",
            organization=cluster("org", *children, seq=seq),
            **fields,
        )
    )


def package(name: str) -> Sequencer:
    from lms.scorm import manifest

    with zipfile.ZipFile(FIXTURES / name) as archive:
        return Sequencer(manifest.parse(archive.read("imsmanifest.xml")))


def merged(*parts: dict) -> dict:
    found: dict = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, dict) and isinstance(found.get(key), dict):
                found[key] = {**found[key], **value}
            else:
                found[key] = value
    return found


def condition(name: str, negated=False, objective=None, threshold=None) -> dict:
    found = {"condition": name, "operator": "not" if negated else "noOp"}
    if objective:
        found["referencedObjective"] = objective
    if threshold is not None:
        found["measureThreshold"] = threshold
    return found


def rule(action: str, *conditions: dict, combination: str = "all") -> dict:
    return {
        "combination": combination,
        "conditions": list(conditions),
        "action": action,
    }


def rules(kind: str, *found: dict) -> dict:
    return {"sequencingRules": {"pre": [], "exit": [], "post": [], kind: list(found)}}


def rollup_rule(action, *conditions, child_set="all", combination="any", **limits):
    return {
        "childActivitySet": child_set,
        "combination": combination,
        "conditions": list(conditions),
        "action": action,
        **limits,
    }


def objectives(primary: dict | None = None, *others: dict) -> dict:
    return {"objectives": {"primary": primary, "others": list(others)}}


def objective(key: str, *maps: dict, **fields) -> dict:
    return {"objectiveID": key, "mapInfo": list(maps), **fields}


def global_map(target: str, **flags) -> dict:
    return {"targetObjectiveID": target, **flags}


def walk(seq: Sequencer, state: dict, *requests):
    """Carry out requests in turn (a (request, target) tuple for choice and
    jump), each one expected to succeed; the last result."""
    result = None
    for request in requests:
        request, target = request if isinstance(request, tuple) else (request, None)
        result = seq.navigate(state, request, target)
        assert result.error is None, (request, result.code, result.error)
        state = result.state
    return result


def enabled(seq: Sequencer, state: dict) -> set[str]:
    return {e.identifier for e in seq.table_of_contents(state) if e.enabled}
