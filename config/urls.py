from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from inspections.upload import upload_reports

urlpatterns = [
    # before admin/, so the admin's catch-all does not take it
    path("admin/inspections/import/", upload_reports, name="inspections_import_reports"),
    path("admin/", admin.site.urls),
    # Sign in, sign out and password change, styled by templates/registration/. Password reset by email is not
    # offered (its URLs are 404): accounts are given by an administrator, who sets a new password in the admin.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("", include("inspections.urls")),
    path("", include("improvement.urls")),
]
