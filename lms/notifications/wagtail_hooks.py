from wagtail import hooks

from .admin import NotificationViewSet


@hooks.register("register_admin_viewset")
def register_notification_viewset():
    return NotificationViewSet()
