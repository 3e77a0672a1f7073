from django.urls import path

from . import views

app_name = "clippings"

urlpatterns = [
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
