/* A drawn-area field: one polygon (an annex in the unit admin) or, where the box says
   data-marker="true", one point or polygon (a black spot), drawn with Leaflet.draw and kept
   as GeoJSON in the textarea (the source of truth, and what is sent without JavaScript). */
(function () {
  "use strict";
  // Form media load in the head: wait for the form to exist.
  document.addEventListener("DOMContentLoaded", function () { document.querySelectorAll(".drawn-area").forEach(attach); });
  function attach(box) {
    var field = document.getElementById(box.dataset.field);
    var element = box.querySelector(".drawn-area-map");
    if (!field || !element || !window.L || !L.Control.Draw) { return; }
    element.hidden = false;
    var map = L.map(element).setView([31.8, -7.1], 5);
    var drawn = new L.FeatureGroup().addTo(map);
    fetch(box.dataset.communesUrl).then(function (r) { return r.json(); }).then(function (geojson) {
      L.geoJSON(geojson, { style: { color: "#5b6770", weight: 0.6, fillOpacity: 0.05 }, interactive: false }).addTo(map);
    }).catch(function () {});
    function load() {
      drawn.clearLayers();
      try {
        var layer = L.geoJSON(JSON.parse(field.value));
        layer.eachLayer(function (l) { drawn.addLayer(l); });
        if (drawn.getLayers().length) { map.fitBounds(drawn.getBounds(), { maxZoom: 16 }); }
      } catch (e) { /* not JSON yet: the textarea keeps what was typed */ }
    }
    function save() {
      var layers = drawn.getLayers();
      field.value = layers.length ? JSON.stringify(layers[layers.length - 1].toGeoJSON().geometry) : "";
    }
    map.addControl(new L.Control.Draw({
      draw: {
        polyline: false, circle: false, circlemarker: false, rectangle: true, polygon: true,
        marker: box.dataset.marker === "true"
      },
      edit: { featureGroup: drawn }
    }));
    map.on(L.Draw.Event.CREATED, function (event) { drawn.clearLayers(); drawn.addLayer(event.layer); save(); });
    map.on(L.Draw.Event.EDITED, save);
    map.on(L.Draw.Event.DELETED, save);
    field.addEventListener("change", load);
    load();
  }
})();
