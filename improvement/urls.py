from django.urls import path

from improvement import upload, views
from improvement.review import views as review_views
from inspections.record.caching import cached_page

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
    # /self-evaluations/: the review workbench (not cached: it takes POSTs and changes with every review)
    path("self-evaluations/", review_views.self_evaluations, name="self-evaluations"),
    path("self-evaluations/<int:pk>/review/", review_views.review, name="review"),
]
