"""Wagtail admin of the lecture library: viewsets, forms and extra views."""
