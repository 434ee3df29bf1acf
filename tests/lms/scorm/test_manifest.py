import zipfile

import pytest

from lms.scorm import manifest
from lms.scorm.data import ScormVersion

from ..packages.hostile import BILLION_LAUGHS, XXE
from .packages import ALL, fixture

pytestmark = pytest.mark.usefixtures("english")


EXPECTED = {
    "ContentPackagingOneFilePerSCO_SCORM12.zip": (ScormVersion.SCORM_12, 18, 0),
    "RuntimeBasicCalls_SCORM12.zip": (ScormVersion.SCORM_12, 1, 1),
    "RuntimeMinimumCalls_SCORM12.zip": (ScormVersion.SCORM_12, 18, 18),
    "exelearning_actividad-evaluable_scorm12.zip": (ScormVersion.SCORM_12, 1, 1),
    "singlesco_scorm12.zip": (ScormVersion.SCORM_12, 1, 1),
    "ContentPackagingMetadata_SCORM20043rdEdition.zip": (
        ScormVersion.SCORM_2004_3,
        1,
        1,
    ),
    "ContentPackagingSingleSCO_SCORM20042ndEdition.zip": (
        ScormVersion.SCORM_2004_2,
        1,
        1,
    ),
    "RuntimeBasicCalls_SCORM20043rdEdition.zip": (ScormVersion.SCORM_2004_3, 1, 1),
    "SequencingForcedSequential_SCORM20043rdEdition.zip": (
        ScormVersion.SCORM_2004_3,
        5,
        5,
    ),
    "SequencingPostTestRollup4thEd_SCORM20044thEdition.zip": (
        ScormVersion.SCORM_2004_4,
        5,
        5,
    ),
    "SequencingSimpleRemediation_SCORM20043rdEdition.zip": (
        ScormVersion.SCORM_2004_3,
        8,
        8,
    ),
}


def parsed(name):
    return manifest.parse(zipfile.ZipFile(fixture(name)).read("imsmanifest.xml"))


def test_every_fixture_is_expected():
    assert sorted(path.name for path in ALL) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_manifests_give_version_parts_and_scos(name):
    version, parts, scos = EXPECTED[name]
    found = parsed(name)
    assert found.version == version
    assert len(found.launchable) == parts
    assert sum(a.is_sco for a in found.launchable) == scos


def test_item_parameters_join_the_launch_href():
    found = parsed("SequencingForcedSequential_SCORM20043rdEdition.zip")
    assert found.launchable[0].launch == "shared/launchpage.html?content=playing"


@pytest.mark.parametrize(
    ("href", "parameters", "launch"),
    [
        ("a.html", "?x=1", "a.html?x=1"),
        ("a.html?y=2", "x=1", "a.html?y=2&x=1"),
        ("a.html?y=2", "&x=1", "a.html?y=2&x=1"),
        ("a.html", "#part2", "a.html#part2"),
        ("a.html#p1", "#part2", "a.html#p1"),
        ("a.html", "", "a.html"),
    ],
)
def test_parameters_follow_the_content_packaging_rules(href, parameters, launch):
    assert manifest.with_parameters(href, parameters) == launch


def test_sequencing_collection_rules_are_merged_into_items():
    found = parsed("SequencingSimpleRemediation_SCORM20043rdEdition.zip")
    first = found.organization.children[0].children[0]
    assert first.sequencing["sequencingRules"]["pre"][0]["action"] == "skip"
    assert first.sequencing["objectives"]["primary"]["mapInfo"][0][
        "readSatisfiedStatus"
    ]


def test_4th_edition_completion_thresholds_and_adl_objectives_are_read():
    found = parsed("SequencingPostTestRollup4thEd_SCORM20044thEdition.zip")
    first = found.launchable[0]
    assert first.completion_threshold == {"progressWeight": 0.5}
    assert first.sequencing["adlObjectives"][0]["mapInfo"][0]["writeCompletionStatus"]


def test_hidden_items_are_marked_invisible():
    found = parsed("SequencingSimpleRemediation_SCORM20043rdEdition.zip")
    assert found.organization.children[0].visible is False


def test_a_manifest_round_trips_through_its_stored_form():
    import dataclasses

    from lms.scorm.data import Manifest

    found = parsed("SequencingForcedSequential_SCORM20043rdEdition.zip")
    assert Manifest.from_dict(dataclasses.asdict(found)) == found


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE])
def test_entity_tricks_are_refused_not_expanded(data):
    with pytest.raises(manifest.ManifestError, match="entities"):
        manifest.parse(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<manifest><unclosed></manifest>", "not well-formed"),
        (b"<html/>", "does not describe a package"),
        (
            b"<manifest><metadata><schemaversion>1.1</schemaversion></metadata></manifest>",
            "not supported",
        ),
        (b"<manifest><organizations/></manifest>", "does not say which SCORM version"),
    ],
)
def test_broken_manifests_are_refused_with_the_reason(data, message):
    with pytest.raises(manifest.ManifestError, match=message):
        manifest.parse(data)


def test_an_item_pointing_at_a_missing_resource_is_refused():
    data = b"""<manifest xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
    <metadata><schemaversion>1.2</schemaversion></metadata>
    <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="i1" identifierref="nowhere"><title>One</title></item>
    </organization></organizations><resources/></manifest>"""
    with pytest.raises(manifest.ManifestError, match="nowhere"):
        manifest.parse(data)
