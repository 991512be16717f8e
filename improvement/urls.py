from django.urls import path

from improvement import upload, views
from inspections.caching import cached_page

app_name = "improvement"

urlpatterns = [
    # /journeys/
    path("journeys/", cached_page(views.journey), name="journeys"),
    path("journeys/export.csv", views.journey_export, name="journeys-export"),
    # /claims/ and /cohorts/
    path("claims/", cached_page(views.ClaimListView.as_view()), name="claims"),
    path("cohorts/", cached_page(views.cohort), name="cohorts"),
    # /self-evaluations/upload/ (never cached: the preview is the uploading session's alone)
    path("self-evaluations/upload/", upload.upload_self_evaluation, name="upload-self-evaluation"),
]
