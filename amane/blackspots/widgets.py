"""
The declare form's map: the annexes' Leaflet.draw widget (amane.authorities.widgets), with a
point as well as a polygon, writing GeoJSON into the textarea, which stays the source of
truth; without JavaScript, the form's latitude and longitude fields stand for the point.
"""

from amane.authorities.widgets import DrawnAreaWidget


class SpotWidget(DrawnAreaWidget):
    # The annexes' script, which offers the marker tool too where the box asks (data-marker).
    template_name = "blackspots/spot_widget.html"
