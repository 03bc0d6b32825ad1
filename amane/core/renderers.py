"""JSON as UTF-8 text: Arabic names stay two bytes a letter instead of six-byte escapes."""

import json
from typing import Any

from django.http import HttpRequest
from ninja.renderers import JSONRenderer


class Utf8JSONRenderer(JSONRenderer):
    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return json.dumps(data, cls=self.encoder_class, ensure_ascii=False)
