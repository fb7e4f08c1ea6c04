"""Admin for the Ministerie: verify members, see the contact log (who/when/which profile).

Only the "Ministerie" group and superusers (or users given the model permissions explicitly) see
these views: a custom permission policy, so no group needs extra grants.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.visibility import MEMBER_CHECK_HOOK, PROFILE_CONTEXT_HOOK
from regions.permissions import MinistryPermissionPolicy

from .access import is_verified_member
from .models import ContactLog, MemberProfile
from .notifications import notify_verified

register_permission_policy(
    MemberProfile, MinistryPermissionPolicy(MemberProfile, {"view", "change", "delete"})
)
register_permission_policy(ContactLog, MinistryPermissionPolicy(ContactLog, {"view"}))


class MemberProfileAdminForm(WagtailAdminModelForm):
    verified = forms.BooleanField(
        label=_("Geverifieerd"),
        required=False,
        help_text=_(
            "Aanvinken als u heeft vastgesteld dat dit een professional is. Geverifieerde leden zien "
            "contactpersonen en kunnen hen een bericht sturen."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verified"].initial = self.instance.is_verified

    def save(self, commit=True):
        profile = super().save(commit=False)
        was_verified = profile.verified_at is not None
        verify = self.cleaned_data.get("verified", False)
        if commit:
            profile.save()
            self.save_m2m()
            if verify and not was_verified:
                profile.mark_verified(by=self.for_user, note="ministerie")
                notify_verified(profile)
            elif not verify and was_verified:
                profile.mark_unverified()
        return profile


class MemberProfileViewSet(SnippetViewSet):
    model = MemberProfile
    icon = "user"
    menu_label = _("Leden")
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        Column("display_name", label=_("Naam")),
        Column("email", label=_("E-mailadres"), accessor="user.email"),
        "organisation",
        "municipality",
        BooleanColumn("is_verified", label=_("Geverifieerd")),
        DateColumn("created_at", label=_("Aangemeld")),
    ]
    list_filter = ["digest_frequency", "municipality__province"]
    search_fields = ["organisation", "role", "user__email", "user__first_name", "user__last_name"]
    inspect_view_fields = [
        "organisation",
        "role",
        "municipality",
        "created_at",
        "verified_at",
        "verified_by",
        "verification_note",
        "digest_frequency",
        "last_digest_at",
    ]
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=str(
                    _(
                        "Nieuwe leden zijn ongeverifieerd tot u ze hier verifieert, of automatisch als hun "
                        "bevestigde e-mailadres op de lijst van erkende domeinen staat."
                    )
                )
            ),
            FieldPanel("verified"),
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("role")]),
            FieldPanel("municipality"),
            FieldPanel("digest_frequency"),
        ],
        base_form_class=MemberProfileAdminForm,
    )

    def get_queryset(self, request):
        return MemberProfile.objects.select_related("user", "municipality")


class ContactLogViewSet(SnippetViewSet):
    model = ContactLog
    icon = "mail"
    menu_label = _("Contactlog")
    copy_view_enabled = False
    list_display = [
        DateColumn("sent_at", label=_("Verstuurd")),
        Column("sender", label=_("Afzender")),
        "page_title",
        "recipient_count",
    ]
    search_fields = ["page_title", "sender__email"]


class MembersGroup(SnippetViewSetGroup):
    menu_label = _("Netwerk")
    menu_icon = "group"
    menu_order = 250
    items = (MemberProfileViewSet, ContactLogViewSet)


register_snippet(MembersGroup)


hooks.register(MEMBER_CHECK_HOOK, is_verified_member)


@hooks.register(PROFILE_CONTEXT_HOOK)
def profile_context(page, request) -> dict:
    """Follow button in the profile header, contact-form link in the contact column."""
    return {
        "profile_actions": ["members/includes/follow_button.html"],
        "profile_sidebar": ["members/includes/contact_link.html"],
    }
