from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "improvement"
    verbose_name = "Self-evaluations and claims"

    def ready(self):
        # inspections never imports improvement: the importer learns about self-evaluations from here.
        from inspections.extensions import register_authority_markers
        from inspections.loading.reports import register_saver

        from .loading import save_self_evaluation
        from .models import SelfEvaluation

        register_saver("self_evaluation", save_self_evaluation)
        register_authority_markers(SelfEvaluation.objects.markers_for)
