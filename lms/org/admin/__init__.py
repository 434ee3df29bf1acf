"""The Wagtail admin of lms.org: viewsets, forms and filters, all scoped to
the units the user manages."""
