"""django-allauth's forms as the site shows them (``ACCOUNT_FORMS``): labels without a trailing
colon, like every other form on the site."""

from allauth.account import forms

from .forms import PlainLabels as _PlainLabels


class LoginForm(_PlainLabels, forms.LoginForm):
    pass


class SignupForm(_PlainLabels, forms.SignupForm):
    pass


class AddEmailForm(_PlainLabels, forms.AddEmailForm):
    pass


class ChangePasswordForm(_PlainLabels, forms.ChangePasswordForm):
    pass


class SetPasswordForm(_PlainLabels, forms.SetPasswordForm):
    pass


class ResetPasswordForm(_PlainLabels, forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(_PlainLabels, forms.ResetPasswordKeyForm):
    pass
