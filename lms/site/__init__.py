"""The reference site: settings, URLs and WSGI entry that compose the plugin apps.

Nothing in the plugin apps imports this package; it is the top layer.
"""
