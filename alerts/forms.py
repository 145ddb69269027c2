"""The forms of alerts. Errors are tied to their fields (``aria-describedby``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency, Subscriber


class AccessibleForm(forms.Form):
    """Each field with an error says so to assistive technology and names its message."""

    template_name_label = None

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{name}-error"


class SubscribeForm(AccessibleForm):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATELY,
        required=False,
        widget=forms.RadioSelect,
    )
    # Left empty by people (it is hidden from them); robots that fill every field are
    # answered as everyone is, and sent nothing.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_frequency(self) -> str:
        return self.cleaned_data["frequency"] or Frequency.IMMEDIATELY

    def clean_email(self) -> str:
        return Subscriber.normalise(self.cleaned_data["email"])


class FrequencyForm(AccessibleForm):
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
