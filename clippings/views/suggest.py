"""Suggestions while a reader types into a filter: a few public names, as JSON."""

from django import forms
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from clippings.suggestions import CHOOSABLE
from clippings.text import FORBIDDEN_CHARACTERS


class SuggestForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, strip=True)

    def clean_q(self):
        text = self.cleaned_data["q"]
        if FORBIDDEN_CHARACTERS.search(text):
            raise forms.ValidationError(
                "Type letters, digits or punctuation, not control characters."
            )
        return text


@require_GET
def suggest(request, kind):
    """``{"results": [{"name", "slug"}, ...]}``: at most ten public records of ``kind`` with a
    word of their name beginning with ``q``; none for an empty ``q``. Bad input is a 400 with
    ``{"errors": {"q": [messages]}}``."""
    choosable = CHOOSABLE.get(kind)
    if choosable is None:
        raise Http404("Nothing is suggested of this kind.")
    form = SuggestForm(request.GET)
    if not form.is_valid():
        errors = {field: list(messages) for field, messages in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    text = form.cleaned_data["q"]
    return JsonResponse({"results": choosable.suggestions(text) if text else []})
