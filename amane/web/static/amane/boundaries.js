/* Commune boundaries past zoom 9, in tiles of the viewport (/api/v1/geo/communes/{z}/{x}/{y}.geojson),
   instead of the whole 434 KB national layer: a few KB gzipped per tile, cached by the browser.
   Each tile holds one clipped fill per commune (no outline, or tile edges would show) and one
   "borders" feature of lines that draws the boundaries. Used by map.js and report-form.js. */
(function () {
  "use strict";
  var MIN_ZOOM = 9, MAX_ZOOM = 12, TILE = 256;

  function attach(map, options) {
    var url = options.communesUrl.replace(/\.geojson$/, "/{z}/{x}/{y}.geojson");
    var fill = options.fill || { fillColor: "#e9efe6", fillOpacity: 0.7 };
    var group = L.layerGroup();
    var tiles = {};  // "z/x/y" -> { layer } while wanted; a late answer for a dropped tile is ignored
    var active = null;

    function style(feature) {
      if (feature.properties.kind === "borders") { return { color: "#5b6770", weight: 0.6, fill: false }; }
      return { stroke: false, fillColor: fill.fillColor, fillOpacity: fill.fillOpacity };
    }
    function eachFeature(feature, layer) {
      if (feature.properties.kind === "borders" || options.interactive === false) { return; }
      if (options.onEachCommune) { options.onEachCommune(feature, layer); }
    }
    function load(key, z, x, y) {
      var entry = tiles[key] = { layer: null };
      fetch(url.replace("{z}", z).replace("{x}", x).replace("{y}", y)).then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      }).then(function (geojson) {
        if (tiles[key] !== entry) { return; }
        entry.layer = L.geoJSON(geojson, {
          style: style, onEachFeature: eachFeature, interactive: options.interactive !== false
        });
        group.addLayer(entry.layer);
        entry.layer.bringToBack();
      }).catch(function () { if (tiles[key] === entry) { delete tiles[key]; } });
    }
    function update() {
      var on = map.getZoom() >= MIN_ZOOM;
      if (on !== active) {
        active = on;
        if (on) { group.addTo(map); } else { map.removeLayer(group); }
        if (options.onActive) { options.onActive(on); }
      }
      if (!on) { return; }
      var z = Math.min(Math.round(map.getZoom()), MAX_ZOOM), last = Math.pow(2, z) - 1;
      var bounds = map.getBounds();
      var nw = map.project(bounds.getNorthWest(), z).divideBy(TILE).floor();
      var se = map.project(bounds.getSouthEast(), z).divideBy(TILE).floor();
      var wanted = {};
      for (var x = Math.max(0, nw.x); x <= Math.min(last, se.x); x++) {
        for (var y = Math.max(0, nw.y); y <= Math.min(last, se.y); y++) {
          var key = z + "/" + x + "/" + y;
          wanted[key] = true;
          if (!tiles[key]) { load(key, z, x, y); }
        }
      }
      // Tiles out of view or of another zoom leave the map; the browser's cache keeps their bytes.
      Object.keys(tiles).forEach(function (key) {
        if (!wanted[key]) {
          if (tiles[key].layer) { group.removeLayer(tiles[key].layer); }
          delete tiles[key];
        }
      });
    }
    map.on("moveend", update);
    update();
    return group;
  }

  window.AmaneBoundaries = { attach: attach, MIN_ZOOM: MIN_ZOOM, MAX_ZOOM: MAX_ZOOM };
})();
