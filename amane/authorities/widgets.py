"""
The admin's map for drawing an annex: Leaflet.draw (shipped with django-leaflet) over the
commune boundaries, writing the polygon as GeoJSON into the field's textarea, which stays
the source of truth (and the fallback without JavaScript).
"""

from typing import Any

from django import forms
from django.urls import reverse


class DrawnAreaWidget(forms.Textarea):
    template_name = "authorities/drawn_area_widget.html"

    class Media:
        css = {"all": ("leaflet/leaflet.css", "leaflet/draw/leaflet.draw.css", "authorities/drawn-area.css")}
        js = ("leaflet/leaflet.js", "leaflet/draw/leaflet.draw.js", "authorities/drawn-area.js")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["communes_url"] = reverse("api:communes_geojson") + "?detail=low"
        return context

    def format_value(self, value: Any) -> str | None:
        # The form field hands JSON text; the model hands a dict: both become JSON text here.
        if isinstance(value, dict):
            import json

            return json.dumps(value)
        return super().format_value(value)
