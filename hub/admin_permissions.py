"""Permission helpers shared by the hub's wagtail-modeladmin lists."""

from wagtail_modeladmin.helpers import PermissionHelper


class ReadOnlyPermissionHelper(PermissionHelper):
    """Rows the hub writes itself (deliveries, answers, managers, reports...):
    editors read them in the admin and act elsewhere, nobody edits them by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False
