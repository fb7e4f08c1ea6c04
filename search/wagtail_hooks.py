"""Wagtail hooks of the search app: comparable approaches and "learn from" on profile pages."""

from wagtail import hooks

from practices.visibility import PROFILE_CONTEXT_HOOK

from .comparable import profile_hook

hooks.register(PROFILE_CONTEXT_HOOK, profile_hook)
