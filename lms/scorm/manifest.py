"""Reading ``imsmanifest.xml`` of SCORM 1.2 and SCORM 2004 (2nd–4th ed.).

Parsed with defusedxml: entity declarations and external references are
refused, never expanded. Namespaces are matched by local name, because
real packages mix prefixes and namespace versions freely.

Sequencing (imsss and adlseq) is kept as plain dicts, attribute names as in
the XML with "true"/"false" and numbers converted, one key per element:
``controlMode``, ``sequencingRules`` ({"pre", "exit", "post"}: rules of
{"combination", "conditions", "action"}), ``limitConditions``,
``rollupRules`` (attributes plus "rules"), ``objectives`` ({"primary",
"others"}: {"objectiveID", ..., "mapInfo": [...]}), ``randomizationControls``,
``deliveryControls``, ``constrainedChoiceConsiderations``,
``rollupConsiderations`` and ``adlObjectives``. Defaults are the sequencing
engine's business, not the parser's. An item's ``IDRef`` to the
``sequencingCollection`` is resolved here: the item's own elements replace
the collection's, element by element.
"""

import posixpath
import re
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

from .data import Activity, Manifest, Resource, ScormVersion

MANIFEST = "imsmanifest.xml"
NUMBERS = {
    "attemptLimit": int,
    "minimumCount": int,
    "minimumPercent": float,
    "measureThreshold": float,
    "minNormalizedMeasure": float,
    "objectiveMeasureWeight": float,
    "minProgressMeasure": float,
    "progressWeight": float,
    "randomizationTiming": str,
    "selectCount": int,
}
SEQUENCING_PARTS = {
    "controlMode",
    "sequencingRules",
    "limitConditions",
    "rollupRules",
    "objectives",
    "randomizationControls",
    "deliveryControls",
    "constrainedChoiceConsiderations",
    "rollupConsiderations",
}


class ManifestError(Exception):
    """A manifest refused; ``str(error)`` is a translated sentence."""


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _namespace(name: str) -> str:
    return name[1:].split("}", 1)[0] if name.startswith("{") else ""


def _kids(element: Element, name: str) -> list[Element]:
    return [kid for kid in element if local(kid.tag) == name]


def _kid(element: Element, name: str) -> Element | None:
    found = _kids(element, name)
    return found[0] if found else None


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _attr(element: Element, name: str, default: str = "") -> str:
    """An attribute by local name, case-insensitive (1.2 writes
    ``scormtype``, 2004 ``scormType``)."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if local(key).lower() == wanted:
            return value.strip()
    return default


def _converted(name: str, value: str):
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    kind = NUMBERS.get(name)
    if kind is None:
        return value
    try:
        return kind(value)
    except ValueError:
        raise ManifestError(
            _("The manifest gives “%(value)s” for %(name)s, which is not a number.")
            % {"value": value, "name": name}
        ) from None


def _attrs(element: Element) -> dict:
    return {
        local(k): _converted(local(k), v.strip()) for k, v in element.attrib.items()
    }


def parse(data: bytes) -> Manifest:
    """The manifest in ``data``; raises ManifestError with the reason."""
    root = _parse_xml(data)
    if local(root.tag) != "manifest":
        raise ManifestError(_("imsmanifest.xml does not describe a package."))
    version = detect_version(root)
    resources = _resources(root)
    organization = _default_organization(root)
    collection = _sequencing_collection(root) if version.is_2004 else {}
    tree = _activity(organization, resources, collection, version, is_root=True)
    if not any(a.launch for a in tree.walk()):
        raise ManifestError(_("The package has nothing to launch."))
    return Manifest(
        identifier=_attr(root, "identifier"),
        version=version,
        title=tree.title or _attr(root, "identifier"),
        organization=tree,
        resources=resources,
        objectives_global_to_system=_attr(
            organization, "objectivesGlobalToSystem", "true"
        ).lower()
        != "false",
    )


def _parse_xml(data: bytes) -> Element:
    try:
        return SafeET.fromstring(data)
    except DefusedXmlException as error:
        raise ManifestError(
            _(
                "imsmanifest.xml declares XML entities or external references; "
                "they are refused for safety."
            )
        ) from error
    except ParseError as error:
        line = error.position[0] if error.position else "?"
        raise ManifestError(
            _("imsmanifest.xml is not well-formed XML (line %(line)s).")
            % {"line": line}
        ) from error


def detect_version(root: Element) -> ScormVersion:
    """The SCORM version a manifest declares, by schemaversion, else by the
    namespaces it uses."""
    declared = _text(_kid(_kid(root, "metadata") or root, "schemaversion"))
    by_text = {
        "1.2": ScormVersion.SCORM_12,
        "cam 1.3": ScormVersion.SCORM_2004_2,
        "2004 2nd edition": ScormVersion.SCORM_2004_2,
        "2004 3rd edition": ScormVersion.SCORM_2004_3,
        "2004 4th edition": ScormVersion.SCORM_2004_4,
    }
    if declared:
        version = by_text.get(re.sub(r"\s+", " ", declared.lower()))
        if version is None:
            raise ManifestError(
                _(
                    "The package declares SCORM version “%(version)s”, which is not "
                    "supported (SCORM 1.2 and SCORM 2004 are)."
                )
                % {"version": declared}
            )
        return version
    namespaces = {_namespace(el.tag) for el in root.iter()}
    namespaces |= {_namespace(k) for el in root.iter() for k in el.attrib}
    if any("adlcp_rootv1p2" in ns for ns in namespaces):
        return ScormVersion.SCORM_12
    if any("adlcp_v1p3" in ns or "imsss" in ns for ns in namespaces):
        return ScormVersion.SCORM_2004_3
    raise ManifestError(
        _("The manifest does not say which SCORM version the package uses.")
    )


def _default_organization(root: Element) -> Element:
    holder = _kid(root, "organizations")
    organizations = _kids(holder, "organization") if holder is not None else []
    if not organizations:
        raise ManifestError(_("The manifest has no organization (no course outline)."))
    default = _attr(holder, "default")
    for organization in organizations:
        if _attr(organization, "identifier") == default:
            return organization
    return organizations[0]


def _resources(root: Element) -> dict[str, Resource]:
    holder = _kid(root, "resources")
    if holder is None:
        return {}
    base = _join_base(_attr(root, "base"), _attr(holder, "base"))
    found = {}
    for element in _kids(holder, "resource"):
        identifier = _attr(element, "identifier")
        href = _attr(element, "href")
        found[identifier] = Resource(
            identifier=identifier,
            href=_join_base(base, _attr(element, "base"), href) if href else "",
            scorm_type=_attr(element, "scormType", "asset").lower(),
            dependencies=tuple(
                _attr(d, "identifierref") for d in _kids(element, "dependency")
            ),
        )
    return found


def _join_base(*parts: str) -> str:
    path = ""
    for part in parts:
        if not part:
            continue
        if urlsplit(part).scheme:
            path = part
        else:
            path = posixpath.join(path, part) if path else part
    return path


def _sequencing_collection(root: Element) -> dict[str, dict]:
    holder = _kid(root, "sequencingCollection")
    if holder is None:
        return {}
    return {
        _attr(element, "ID"): _sequencing(element)
        for element in _kids(holder, "sequencing")
    }


def _activity(element, resources, collection, version, is_root=False) -> Activity:
    identifier = _attr(element, "identifier")
    children = tuple(
        _activity(kid, resources, collection, version) for kid in _kids(element, "item")
    )
    fields = {
        "identifier": identifier,
        "title": _text(_kid(element, "title")) or identifier,
        "visible": _attr(element, "isvisible", "true").lower() != "false",
        "children": children,
        "sequencing": _item_sequencing(element, collection)
        if version.is_2004
        else None,
    }
    if not is_root:
        fields.update(_item_details(element, version))
        if not children:
            fields.update(_launch(element, resources))
    return Activity(**fields)


def _item_details(element: Element, version: ScormVersion) -> dict:
    details = {
        "max_time_allowed": _text(_kid(element, "maxtimeallowed")),
        "time_limit_action": _text(_kid(element, "timelimitaction")),
        "data_from_lms": _text(_kid(element, "datafromlms")),
        "prerequisites": _text(_kid(element, "prerequisites")),
    }
    if not version.is_2004:
        mastery = _text(_kid(element, "masteryscore"))
        details["mastery_score"] = (
            _number(mastery, "adlcp:masteryscore") if mastery else None
        )
        return details
    details["completion_threshold"] = _completion_threshold(element)
    presentation = _kid(element, "presentation")
    if presentation is not None:
        holder = _kid(presentation, "navigationInterface")
        hidden = _kids(holder, "hideLMSUI") if holder is not None else []
        details["hide_lms_ui"] = tuple(_text(h) for h in hidden)
    data = _kid(element, "data")
    if data is not None:
        details["shared_data"] = tuple(_attrs(m) for m in _kids(data, "map"))
    return details


def _number(value: str, name: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ManifestError(
            _("The manifest gives “%(value)s” for %(name)s, which is not a number.")
            % {"value": value, "name": name}
        ) from None


def _completion_threshold(element: Element) -> dict | None:
    """3rd edition: a number as text; 4th: attributes."""
    threshold = _kid(element, "completionThreshold")
    if threshold is None:
        return None
    found = _attrs(threshold)
    if _text(threshold):
        found["minProgressMeasure"] = _number(_text(threshold), "completionThreshold")
        found.setdefault("completedByMeasure", True)
    return found


def _launch(element: Element, resources: dict[str, Resource]) -> dict:
    reference = _attr(element, "identifierref")
    if not reference:
        return {}
    resource = resources.get(reference)
    if resource is None:
        raise ManifestError(
            _(
                "Item “%(item)s” refers to resource “%(resource)s”, which the "
                "manifest does not have."
            )
            % {"item": _attr(element, "identifier"), "resource": reference}
        )
    if not resource.href:
        raise ManifestError(
            _("Resource “%(resource)s” has no file to launch.")
            % {"resource": reference}
        )
    return {
        "resource": reference,
        "is_sco": resource.scorm_type == "sco",
        "launch": with_parameters(resource.href, _attr(element, "parameters")),
    }


def with_parameters(href: str, parameters: str) -> str:
    """Join a launch href and an item's parameters as the CAM book says."""
    parameters = parameters.strip()
    if not parameters:
        return href
    if parameters.startswith("#"):
        return href if "#" in href else href + parameters
    parameters = parameters.lstrip("?&")
    return f"{href}{'&' if '?' in href else '?'}{parameters}"


def launch_path(launch: str) -> str:
    """The file a launch string points at, as a path inside the package."""
    return posixpath.normpath(unquote(urlsplit(launch).path)).lstrip("/")


def is_external(launch: str) -> bool:
    return bool(urlsplit(launch).scheme)


def _item_sequencing(element: Element, collection: dict[str, dict]) -> dict | None:
    own = _kid(element, "sequencing")
    if own is None:
        return None
    merged = dict(collection.get(_attr(own, "IDRef"), {}))
    merged.update(_sequencing(own))
    return merged


def _sequencing(element: Element) -> dict:
    found = {}
    for part in element:
        name = local(part.tag)
        if name == "objectives" and "adlseq" in _namespace(part.tag):
            found["adlObjectives"] = [_objective(o) for o in _kids(part, "objective")]
        elif name == "sequencingRules":
            found[name] = _rules(part)
        elif name == "rollupRules":
            found[name] = {
                **_attrs(part),
                "rules": [_rollup_rule(r) for r in _kids(part, "rollupRule")],
            }
        elif name == "objectives":
            primary = _kid(part, "primaryObjective")
            found[name] = {
                "primary": _objective(primary) if primary is not None else None,
                "others": [_objective(o) for o in _kids(part, "objective")],
            }
        elif name in SEQUENCING_PARTS:
            found[name] = _attrs(part)
    return found


def _rules(element: Element) -> dict:
    kinds = {
        "preConditionRule": "pre",
        "exitConditionRule": "exit",
        "postConditionRule": "post",
    }
    rules = {"pre": [], "exit": [], "post": []}
    for rule in element:
        kind = kinds.get(local(rule.tag))
        if kind is None:
            continue
        conditions = _kid(rule, "ruleConditions")
        action = _kid(rule, "ruleAction")
        rules[kind].append(
            {
                "combination": _attr(conditions, "conditionCombination", "all")
                if conditions is not None
                else "all",
                "conditions": [_attrs(c) for c in _kids(conditions, "ruleCondition")]
                if conditions is not None
                else [],
                "action": _attr(action, "action") if action is not None else "",
            }
        )
    return rules


def _rollup_rule(rule: Element) -> dict:
    conditions = _kid(rule, "rollupConditions")
    action = _kid(rule, "rollupAction")
    return {
        **_attrs(rule),
        "combination": _attr(conditions, "conditionCombination", "any")
        if conditions is not None
        else "any",
        "conditions": [_attrs(c) for c in _kids(conditions, "rollupCondition")]
        if conditions is not None
        else [],
        "action": _attr(action, "action") if action is not None else "",
    }


def _objective(element: Element) -> dict:
    found = _attrs(element)
    measure = _kid(element, "minNormalizedMeasure")
    if measure is not None:
        found["minNormalizedMeasure"] = _number(_text(measure), "minNormalizedMeasure")
    found["mapInfo"] = [_attrs(m) for m in _kids(element, "mapInfo")]
    return found
