from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "amane.audit"
    label = "audit"
    verbose_name = "Audit trail"
