def canonical_url(request):
    """The page's address without its query string: its canonical link and Open Graph URL."""
    return {"canonical_url": request.build_absolute_uri(request.path)}
