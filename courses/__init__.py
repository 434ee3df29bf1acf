"""Wagtail content: the home page, course catalogue, course, module and lesson
pages, and the blocks that place learning activities in a lesson."""
