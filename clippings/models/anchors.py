import re


def next_free_anchor(model, article_id, prefix):
    """``prefix<n>``, one past the highest number the article's ``model`` rows use."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    anchors = model.objects.filter(article_id=article_id).values_list("anchor", flat=True)
    numbers = [int(match.group(1)) for anchor in anchors if (match := pattern.match(anchor))]
    return f"{prefix}{max(numbers, default=0) + 1}"
