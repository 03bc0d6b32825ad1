"""
The declare form's map: the annexes' Leaflet.draw widget (amane.authorities.widgets), with a
point as well as a polygon, writing GeoJSON into the textarea, which stays the source of
truth; without JavaScript, the form's latitude and longitude fields stand for the point.
"""

from amane.authorities.widgets import DrawnAreaWidget


class SpotWidget(DrawnAreaWidget):
    template_name = "blackspots/spot_widget.html"

    class Media:
        # Not the annexes' script beside this one: both would draw a map in the same box.
        extend = False
        css = {"all": ("leaflet/leaflet.css", "leaflet/draw/leaflet.draw.css", "authorities/drawn-area.css")}
        js = ("leaflet/leaflet.js", "leaflet/draw/leaflet.draw.js", "blackspots/spot-draw.js")
