"""Server-side SCORM 2004 Sequencing and Navigation (see SEQUENCING.md).

seq = Sequencer(manifest)
state = seq.new_state()
result = seq.navigate(state, "start")        # NavResult
state = seq.report(result.state, result.deliver, cmi_values)
result = seq.navigate(state, "continue")
"""

from .data import NavRequest, NavResult, RootStatus, TocEntry
from .engine import Sequencer
from .errors import SequencingError

__all__ = [
    "NavRequest",
    "NavResult",
    "RootStatus",
    "Sequencer",
    "SequencingError",
    "TocEntry",
]
