from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "amane.conversations"
    label = "conversations"
    verbose_name = "Conversations"
