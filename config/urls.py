from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # login, logout and password change, styled by templates/registration/
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("inspections.urls")),
]
