"""The default theme: base templates and static files, mobile first."""
