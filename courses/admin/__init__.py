"""Wagtail admin screens of the courses app: staff enrolment of learners.

They join course pages (this app), people (``lms.org.api``) and enrolments
(``lms.progress.api``); the work itself is done by those apis."""
