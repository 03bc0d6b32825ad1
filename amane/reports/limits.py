"""
What a report may hold, defined once.

The model, the services, the web form, the API's schemas and so the OpenAPI document all
read these, so that a limit cannot differ between the form and the API. Photo sizes are
the deployer's settings (AMANE_PHOTO_MAX_*); these are part of what a report is.
"""

DESCRIPTION_MAX = 5000
CONTACT_MAX = 200
STATUS_MESSAGE_MAX = 2000
PHOTOS_PER_REPORT = 5
