"""The real sequencing packages, walked as a learner would: each behaves as
its manifest's comments say its authors meant."""

import pytest

from tests.lms.scorm.sequencing_factories import FAILED, PASSED, enabled, package, walk

pytestmark = pytest.mark.usefixtures("english")


FORCED = "SequencingForcedSequential_SCORM20043rdEdition.zip"
REMEDIATION = "SequencingSimpleRemediation_SCORM20043rdEdition.zip"
POST_TEST = "SequencingPostTestRollup4thEd_SCORM20044thEdition.zip"
SINGLE_SCO = "ContentPackagingSingleSCO_SCORM20042ndEdition.zip"
BASIC_CALLS = "RuntimeBasicCalls_SCORM20043rdEdition.zip"
GOLF_SCOS = ("playing_item", "etuqiette_item", "handicapping_item", "havingfun_item")
TESTS = ("test_1", "test_2", "test_3", "test_4")
VIEWED = {"cmi.completion_status": "completed"}


def leaves_enabled(seq, state) -> set[str]:
    return enabled(seq, state) & {*GOLF_SCOS, "assessment_item", *TESTS}


def continue_reporting(seq, state, expected: str, values: dict):
    """Continue, expect ``expected`` to open, and report ``values`` on it."""
    result = walk(seq, state, "continue")
    assert result.deliver == expected
    return seq.report(result.state, expected, values)


class TestForcedSequential:
    @pytest.fixture
    def seq(self):
        return package(FORCED)

    @pytest.fixture
    def started(self, seq):
        return walk(seq, seq.new_state(), "start").state

    def test_start_opens_the_first_sco_and_only_it_may_be_chosen(self, seq, started):
        assert started["current"] == "playing_item"
        assert leaves_enabled(seq, started) == {"playing_item"}

    def test_choosing_a_later_sco_is_refused_and_changes_nothing(self, seq, started):
        result = seq.navigate(started, "choice", "handicapping_item")
        assert result.code == "DB.1.1-3"
        assert result.error == "This activity is not available yet."
        assert result.state == started

    def test_satisfying_a_sco_enables_the_next_one_through_its_global(
        self, seq, started
    ):
        state = seq.report(started, "playing_item", PASSED)
        assert leaves_enabled(seq, state) == {"playing_item", "etuqiette_item"}
        assert seq.objective_values(state, "etuqiette_item") == {
            "cmi.objectives.0.id": "etiquette_satisfied",
            "cmi.objectives.1.id": "previous_sco_satisfied",
            "cmi.objectives.1.success_status": "passed",
        }

    def test_a_failed_sco_keeps_the_next_one_disabled(self, seq, started):
        state = seq.report(started, "playing_item", FAILED)
        assert seq.navigate(state, "continue").code == "SB.2.2-2"

    def test_the_whole_course_in_order_completes_and_satisfies_the_root(
        self, seq, started
    ):
        state = seq.report(started, "playing_item", PASSED)
        for sco in (*GOLF_SCOS[1:], "assessment_item"):
            state = continue_reporting(seq, state, sco, PASSED)
        status = seq.root_status(state)
        assert (status.completion, status.success) == ("completed", "passed")
        assert status.measure is None  # every objectiveMeasureWeight is 0
        assert walk(seq, state, ("choice", "playing_item")).deliver == "playing_item"
        assert walk(seq, state, "continue").ended


class TestSimpleRemediation:
    @pytest.fixture
    def seq(self):
        return package(REMEDIATION)

    def through_content(self, seq):
        result = walk(seq, seq.new_state(), "start")
        assert result.deliver == "playing_item"
        state = seq.report(result.state, "playing_item", VIEWED)
        for sco in GOLF_SCOS[1:]:
            state = continue_reporting(seq, state, sco, VIEWED)
        return state

    def test_only_flow_navigation_is_allowed(self, seq):
        state = walk(seq, seq.new_state(), "start").state
        assert leaves_enabled(seq, state) == set()
        assert seq.navigate(state, "choice", "test_1").code == "NB.2.1-10"

    def test_a_failed_test_sends_the_learner_back_to_what_was_not_mastered(self, seq):
        state = self.through_content(seq)
        for test, values in zip(TESTS, (PASSED, FAILED, PASSED, PASSED), strict=True):
            state = continue_reporting(seq, state, test, values)
        retried = walk(seq, state, "continue")
        assert (retried.deliver, retried.new_attempt) == ("etuqiette_item", True)
        assert retried.state["activities"]["content_wrapper"]["attempts"] == 2
        state = seq.report(retried.state, "etuqiette_item", VIEWED)
        state = continue_reporting(seq, state, "test_2", PASSED)
        # test_4's own sequencingRules replace the collection's skip rule, so
        # the last quiz comes again and its exitParent closes the loop.
        state = continue_reporting(seq, state, "test_4", PASSED)
        finished = walk(seq, state, "continue")
        assert finished.ended
        status = seq.root_status(finished.state)
        assert (status.completion, status.success) == ("completed", "passed")

    def test_passing_every_test_ends_the_course_through_exit_all(self, seq):
        state = self.through_content(seq)
        for test in TESTS:
            state = continue_reporting(seq, state, test, PASSED)
        finished = walk(seq, state, "continue")
        assert (finished.ended, finished.deliver) == (True, None)
        assert seq.root_status(finished.state).success == "passed"
        assert finished.state["activities"]["content_wrapper"]["attempts"] == 1


class TestPostTestRollup4thEdition:
    @pytest.fixture
    def seq(self):
        return package(POST_TEST)

    @pytest.fixture
    def started(self, seq):
        return walk(seq, seq.new_state(), "start").state

    def visible(self, seq, state) -> set[str]:
        return {e.identifier for e in seq.table_of_contents(state) if e.visible}

    def test_at_start_the_quiz_is_hidden_and_later_content_disabled(self, seq, started):
        assert leaves_enabled(seq, started) == {"playing_item"}
        assert "assessment_item" not in self.visible(seq, started)
        assert seq.navigate(started, "choice", "assessment_item").code == "SB.2.9-3"

    def test_the_quiz_may_be_jumped_to_at_any_time(self, seq, started):
        result = walk(seq, started, ("jump", "assessment_item"))
        assert result.deliver == "assessment_item"
        assert "assessment_item" in self.visible(seq, result.state)

    def test_completing_a_sco_enables_the_next_through_adlseq_globals(
        self, seq, started
    ):
        state = seq.report(
            started, "playing_item", {**VIEWED, "cmi.progress_measure": "1"}
        )
        shared = "com.scorm.golfsamples.sequencing.forcedsequential.playing_completed"
        assert state["globals"][shared]["completed"] is True
        assert leaves_enabled(seq, state) == {"playing_item", "etuqiette_item"}
        assert seq.root_status(state).progress_measure == pytest.approx(0.5 / 1.6)

    def test_only_the_post_test_decides_the_root_status(self, seq, started):
        content = {**VIEWED, "cmi.progress_measure": "1"}
        state = seq.report(started, "playing_item", content)
        for sco in GOLF_SCOS[1:]:
            state = continue_reporting(seq, state, sco, content)
        assert seq.root_status(state).completion == "unknown"
        assert "assessment_item" in leaves_enabled(seq, state)
        quiz = {**PASSED, "cmi.score.scaled": "0.85", "cmi.progress_measure": "1"}
        state = continue_reporting(seq, state, "assessment_item", quiz)
        status = seq.root_status(state)
        assert (status.completion, status.success) == ("completed", "passed")
        assert status.measure == pytest.approx(0.85)
        assert status.progress_measure == pytest.approx(1.0)

    def test_a_failed_post_test_fails_the_course(self, seq, started):
        result = walk(seq, started, ("jump", "assessment_item"))
        state = seq.report(result.state, "assessment_item", FAILED)
        assert seq.root_status(state).success == "failed"


@pytest.mark.parametrize("name", [SINGLE_SCO, BASIC_CALLS])
def test_a_single_sco_package_starts_and_ends(name):
    seq = package(name)
    result = walk(seq, seq.new_state(), "start")
    assert result.deliver == "item_1"
    state = seq.report(result.state, "item_1", PASSED)
    finished = walk(seq, state, "exitAll")
    assert finished.ended
    status = seq.root_status(finished.state)
    assert (status.completion, status.success) == ("completed", "passed")


def test_a_package_without_sequencing_refuses_continue_but_not_choice():
    seq = package(SINGLE_SCO)
    state = walk(seq, seq.new_state(), "start").state
    assert seq.navigate(state, "continue").code == "NB.2.1-4"
    assert walk(seq, state, ("choice", "item_1")).deliver == "item_1"


def test_a_package_with_flow_ends_when_its_only_sco_continues():
    seq = package(BASIC_CALLS)
    assert walk(seq, seq.new_state(), "start", "continue").ended
