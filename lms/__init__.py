"""Hocvien LMS: learner and organisation state (org structure, progress, SCORM,
H5P, training classes, certificates, reports) and the reference site that
composes them (``lms.site``)."""
