"""Resumable lecture uploads (the tus protocol's server side, without HTTP):
``partial`` keeps the bytes received so far on disk, ``service`` runs an
upload's life from creation to the finished lecture. The HTTP views are in
``media.admin.tus`` and ``media.admin.upload_views``."""
