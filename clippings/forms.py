from django import forms


class CompareVersionsForm(forms.Form):
    """Which two versions of a story to compare, and how to lay the comparison out."""

    VIEWS = [("inline", "Inline: one text, changes marked"), ("side", "Side by side")]

    before = forms.ChoiceField(label="From version")
    after = forms.ChoiceField(label="To version")
    view = forms.ChoiceField(label="Layout", choices=VIEWS, initial="inline", required=False)

    def __init__(self, data, *, versions, **kwargs):
        super().__init__(data, **kwargs)
        choices = [
            (version.key, f"{version.label} ({version.date:%d %b %Y})") for version in versions
        ]
        self.fields["before"].choices = choices
        self.fields["after"].choices = choices
        self.versions = {version.key: version for version in versions}

    def clean_view(self):
        return self.cleaned_data.get("view") or "inline"

    def chosen(self):
        return (
            self.versions[self.cleaned_data["before"]],
            self.versions[self.cleaned_data["after"]],
            self.cleaned_data["view"],
        )
