from django.urls import path

from inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.overview, name="overview"),
    # /authorities/
    path("authorities/", views.AuthorityListView.as_view(), name="authorities"),
    path("authorities/<str:ons_code>/", views.authority_detail, name="authority"),
    # /inspections/<id>/
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    # /documents/<id>/ (Document.get_absolute_url points here)
    path("documents/<int:pk>/download", views.document_download, name="document"),
]
