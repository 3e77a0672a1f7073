"""The forms of clipping in the admin: where a story comes from, and the editor's review of
what was read from it (dates to confirm, quotes to accept, reject or correct)."""

import dataclasses
import datetime
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError

from .models import Quote
from .text import occurs_verbatim

#: The largest saved page or text file the form reads.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}


class ClipSourceForm(forms.Form):
    """One of: a web address, a saved page or text file, or pasted text."""

    ONE_SOURCE = "Give one source: a web address, a saved page or text file, or pasted text."

    address = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=2000,
        help_text="The story's web address: the server fetches the page.",
    )
    file = forms.FileField(
        label="or a saved page or text file",
        required=False,
        help_text="A web page saved as .html, or a .txt file: headline on the first line, "
        "paragraphs separated by blank lines.",
    )
    text = forms.CharField(
        label="or the text itself",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
        help_text="Headline on the first line, paragraphs separated by blank lines.",
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        suffix = PurePath(upload.name).suffix.lower()
        if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
            raise ValidationError("Upload a web page saved as .html or a text file (.txt).")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                f"This file is {upload.size:,} bytes; the largest read is {MAX_UPLOAD_BYTES:,}."
            )
        return upload

    def clean(self):
        data = super().clean()
        given = [name for name in ("address", "file", "text") if data.get(name)]
        if len(given) > 1 or not (given or self.errors):
            raise ValidationError(self.ONE_SOURCE)
        return data

    def upload_text(self):
        """The uploaded file's text, and whether it is a web page; refuses what is no text."""
        upload = self.cleaned_data["file"]
        raw = upload.read()
        if raw.startswith(b"%PDF") or b"\x00" in raw[:4096]:
            raise ValidationError(
                "This file is not a web page or a text (it looks like a PDF or another binary "
                "file): save the page as HTML, or paste its text."
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        return text, PurePath(upload.name).suffix.lower() in HTML_SUFFIXES


class DraftReviewForm(forms.Form):
    """What the editor confirms about a new clipping: its headline and dates.

    An update date that reads two ways (03/04/2016) gets a required choice with no default:
    the editor picks the reading, it is never guessed.
    """

    headline = forms.CharField(
        max_length=300, widget=forms.TextInput(attrs={"class": "vTextField"})
    )
    published_on = forms.DateField(
        label="Original publication date",
        required=False,
        help_text="Empty when the page prints none: the fetch date is used, marked inferred.",
    )

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, **kwargs)
        self.story = story
        self.fields["headline"].initial = story.headline
        self.fields["published_on"].initial = story.published_on
        for index, update in enumerate(story.updates):
            if update.date_is_ambiguous:
                self.fields[f"update_{index}_date"] = forms.TypedChoiceField(
                    label=f"Date of “{update.label}”",
                    choices=[(d.isoformat(), f"{d:%A %d %B %Y}") for d in update.date_readings],
                    coerce=_iso_date,
                    widget=forms.RadioSelect,
                    help_text="The date reads both ways: choose the one the page means.",
                    error_messages={"required": "Choose which date the page means."},
                )

    def reviewed_story(self):
        """The story with the editor's headline and dates."""
        story = self.story
        updates = [
            dataclasses.replace(
                update,
                published_on=self.cleaned_data.get(f"update_{index}_date", update.published_on),
            )
            for index, update in enumerate(story.updates)
        ]
        return dataclasses.replace(
            story,
            headline=self.cleaned_data["headline"],
            published_on=self.cleaned_data["published_on"] or story.published_on,
            updates=updates,
        )


class VersionReviewForm(forms.Form):
    """The label and date of the update a newer version becomes, as read from the page; a
    date that reads two ways (03/04/2016) has no default: the editor gives it."""

    label = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"class": "vTextField"}))
    published_on = forms.DateField(label="Date of the update")

    def __init__(self, *args, label, published_on, readings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label"].initial = label
        if readings:
            self.fields["published_on"].help_text = (
                "The page's date reads two ways: "
                + " or ".join(f"{reading:%d %B %Y}" for reading in readings)
                + ". Give the one it means."
            )
        else:
            self.fields["published_on"].initial = published_on

    def update_fields(self):
        return {
            "label": self.cleaned_data["label"],
            "published_on": self.cleaned_data["published_on"],
        }


def _iso_date(value):
    return datetime.date.fromisoformat(value)


class QuoteReviewForm(forms.Form):
    """One proposed quote: accept it (as proposed or corrected) or leave it out.

    Only the words, speaker and kind come from the page; which paragraph the words are in
    comes from the proposal kept on the server, and accepted words must be found there.
    """

    accept = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"aria-label": "Accept this quote"})
    )
    words = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    speaker = forms.CharField(
        max_length=200, required=False, widget=forms.TextInput(attrs={"type": "text"})
    )
    kind = forms.ChoiceField(choices=Quote.Kind.choices)

    def __init__(self, *args, proposal, paragraph_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.paragraph_text = paragraph_text
        self.fields["words"].initial = proposal.words
        self.fields["speaker"].initial = proposal.speaker
        self.fields["kind"].initial = proposal.kind

    def clean(self):
        data = super().clean()
        if not data.get("accept"):
            return data
        words, speaker = data.get("words", "").strip(), data.get("speaker", "").strip()
        if not words:
            self.add_error("words", "An accepted quote needs its words.")
        elif not occurs_verbatim(words, self.paragraph_text):
            self.add_error(
                "words",
                "These words are not in the paragraph: copy them exactly as printed.",
            )
        if not speaker:
            self.add_error("speaker", "An accepted quote needs a speaker.")
        return data

    def accepted(self):
        """The proposal as the editor accepted it, or None."""
        if not self.cleaned_data.get("accept"):
            return None
        speaker = self.cleaned_data["speaker"].strip()
        same_speaker = speaker == self.proposal.speaker
        return dataclasses.replace(
            self.proposal,
            words=self.cleaned_data["words"].strip(),
            speaker=speaker,
            kind=self.cleaned_data["kind"],
            speaker_id=self.proposal.speaker_id if same_speaker else None,
        )


class BaseQuoteReviewFormSet(forms.BaseFormSet):
    def __init__(self, *args, proposals, story, **kwargs):
        self.proposals = proposals
        self.story = story
        super().__init__(*args, **kwargs)

    def total_form_count(self):
        return len(self.proposals)

    def get_form_kwargs(self, index):
        proposal = self.proposals[index]
        return {"proposal": proposal, "paragraph_text": _paragraph_text(self.story, proposal)}

    def accepted(self):
        return [quote for form in self.forms if (quote := form.accepted())]


def _paragraph_text(story, proposal):
    if 0 <= proposal.paragraph < len(story.paragraphs):
        return story.paragraphs[proposal.paragraph].text
    return ""


QuoteReviewFormSet = forms.formset_factory(QuoteReviewForm, formset=BaseQuoteReviewFormSet, extra=0)


def accept_all(data, prefix, count):
    """``data`` with every one of ``count`` quotes ticked: the "Accept all" button."""
    data = data.copy()
    for index in range(count):
        data[f"{prefix}-{index}-accept"] = "on"
    return data
