"""Document pages and downloads, included at the site root."""

app_name = "documents"
urlpatterns: list = []
