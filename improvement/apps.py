from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "improvement"
    verbose_name = "Self-evaluations and claims"

    def ready(self):
        # inspections never imports improvement: the importer learns about self-evaluations from here.
        from inspections.loading.reports import register_saver

        from .loading import save_self_evaluation

        register_saver("self_evaluation", save_self_evaluation)
