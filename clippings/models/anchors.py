def next_free_anchor(model, article_id, prefix):
    """The first ``prefix<n>`` anchor not yet used by ``model`` rows of the article."""
    taken = set(model.objects.filter(article_id=article_id).values_list("anchor", flat=True))
    number = len(taken) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"
