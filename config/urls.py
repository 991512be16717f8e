from django.contrib import admin
from django.urls import include, path

from inspections.upload import upload_reports

urlpatterns = [
    # before admin/, so the admin's catch-all does not take it
    path("admin/inspections/import/", upload_reports, name="inspections_import_reports"),
    path("admin/", admin.site.urls),
    # login, logout and password change, styled by templates/registration/
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("inspections.urls")),
    path("", include("improvement.urls")),
]
