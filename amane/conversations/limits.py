"""What a message may hold, defined once: the model, the services and the forms read these."""

BODY_MAX = 2000
