from django.urls import path

from improvement import views

app_name = "improvement"

urlpatterns = [
    # /journeys/
    path("journeys/", views.journey, name="journeys"),
    path("journeys/export.csv", views.journey_export, name="journeys-export"),
    # /claims/ and /cohorts/
    path("claims/", views.ClaimListView.as_view(), name="claims"),
    path("cohorts/", views.cohort, name="cohorts"),
]
