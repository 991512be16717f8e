from django.urls import path

from inspections import views
from inspections.record.caching import cached_page

app_name = "inspections"

urlpatterns = [
    path("", cached_page(views.overview), name="overview"),
    # /authorities/
    path("authorities/", cached_page(views.AuthorityListView.as_view()), name="authorities"),
    path("authorities/<str:ons_code>/", cached_page(views.authority_detail), name="authority"),
    path("authorities/<str:ons_code>/how-it-compares.csv", views.how_it_compares_csv, name="how_it_compares_csv"),
    path("authorities/<str:ons_code>/how-it-compares.xlsx", views.how_it_compares_xlsx, name="how_it_compares_xlsx"),
    # /inspections/<id>/
    path("inspections/<int:pk>/", cached_page(views.inspection_detail), name="inspection"),
    # /documents/<id>/ (Document.get_absolute_url points here)
    path("documents/<int:pk>/download", views.document_download, name="document"),
]
