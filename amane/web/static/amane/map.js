/* The public map: commune boundaries as the base, report counts per cell when zoomed out,
   coarsened report points when zoomed in. No CDN: Leaflet comes from django-leaflet. */
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  // Hidden in the page, so that an empty frame never stands where a map cannot be drawn.
  element.hidden = false;
  var data = element.dataset;
  var map = window.AmaneMap.create(element, { preferCanvas: true });
  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 18 }).addTo(map);
  }
  var nameKey = data.language === "fr" ? "name_fr" : "name_ar";
  var outline = null;
  function drawOutline(url) {
    return fetch(url).then(function (r) { return r.json(); }).then(function (geojson) {
    if (outline) { map.removeLayer(outline); }
    var layer = outline = L.geoJSON(geojson, {
      style: { color: "#5b6770", weight: 0.6, fillColor: "#e9efe6", fillOpacity: data.tileUrl ? 0.1 : 0.7 },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(feature.properties[nameKey], { sticky: true });
        if (!data.areaUrl) {
          // A popup with the commune's counts and a link: a tap that navigated away lost the map.
          layer.on("click", function (event) { window.AmaneMap.communePopup(map, event, feature.properties.code); });
        }
      }
    }).addTo(map).bringToBack();
    if (data.point) {
      var point = data.point.split(",").map(parseFloat);
      L.circle(point, { radius: 150, color: "#7a1f2b", fillOpacity: 0.35, weight: 2 }).addTo(map);
      // A marker of fixed size stays visible when the whole commune is in view.
      L.circleMarker(point, { radius: 7, color: "#7a1f2b", fillColor: "#7a1f2b", fillOpacity: 0.9, weight: 2 }).addTo(map);
      // Streets come only with tiles; without them the commune and its arrondissements
      // are what says where the place is, so they stay in view.
      if (data.tileUrl) { map.setView(point, 15); } else { map.fitBounds(layer.getBounds().extend(point), { maxZoom: 15 }); }
    } else if (data.areaUrl) { map.fitBounds(layer.getBounds()); }
    }).catch(function () {});
  }
  // The whole country starts from a light outline; the detailed one comes once zoomed in.
  var detailed = Boolean(data.areaUrl);
  drawOutline(data.areaUrl || data.communesUrl + "?detail=low");
  if (window.AmaneBoundaries && !detailed) {
    // Past zoom 9, tiles of the viewport (boundaries.js) take over from the light outline.
    window.AmaneBoundaries.attach(map, {
      communesUrl: data.communesUrl, fill: { fillColor: "#e9efe6", fillOpacity: data.tileUrl ? 0.1 : 0.7 },
      onEachCommune: function (feature, layer) {
        layer.bindTooltip(feature.properties[nameKey], { sticky: true });
        layer.on("click", function (event) { window.AmaneMap.communePopup(map, event, feature.properties.code); });
      },
      onActive: function (on) { if (outline) { if (on) { map.removeLayer(outline); } else { outline.addTo(map).bringToBack(); } } }
    });
  } else {
    map.on("zoomend", function () {
      if (!detailed && map.getZoom() >= 9) { detailed = true; drawOutline(data.communesUrl); }
    });
  }

  var reports = L.layerGroup().addTo(map);
  var tooWide = document.getElementById("map-too-wide");
  var pending = null;
  function query() {
    var b = map.getBounds();
    var params = new URLSearchParams(window.location.search);
    params.delete("cursor"); params.delete("lang"); params.delete("place");
    if (data.commune) { params.set("commune", data.commune); }
    params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(","));
    ["category", "status", "commune"].forEach(function (key) { if (!params.get(key)) { params.delete(key); } });
    ["occurred_from", "occurred_to"].forEach(function (key) {
      var v = params.get(key); params.delete(key); if (v) { params.set(key === "occurred_from" ? "from" : "to", v); }
    });
    return params;
  }
  function radius(count) { return 4 + Math.min(18, Math.sqrt(count) * 1.3); }
  function refresh() {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var zoom = map.getZoom();
    var params = query();
    var url;
    if (zoom < 14) {
      params.set("resolution", zoom < 9 ? "5" : zoom < 12 ? "7" : "9");
      url = data.cellsUrl + "?" + params.toString();
    } else {
      params.set("limit", "200");
      url = data.reportsUrl + "?" + params.toString();
    }
    fetch(url, { signal: pending.signal }).then(function (r) { return r.json(); }).then(function (body) {
      reports.clearLayers();
      if (tooWide) { tooWide.hidden = !body.too_wide_for_dates; }
      (body.results || []).forEach(function (item) {
        if (item.count !== undefined) {
          L.circleMarker([item.lat, item.lon], { radius: radius(item.count), color: "#b23a48", fillOpacity: 0.55, weight: 1 })
            .bindTooltip(item.count + " " + data.labelReports).addTo(reports)
            .on("click", function () { map.setView([item.lat, item.lon], Math.min(map.getZoom() + 3, 15)); });
        } else {
          L.circleMarker([item.lat, item.lon], { radius: 7, color: "#7a1f2b", fillOpacity: 0.8, weight: 1 })
            .bindPopup('<a href="/reports/' + encodeURIComponent(item.id) + '/">' +
              (data.language === "fr" ? item.category_name_fr : item.category_name_ar).replace(/[<>&]/g, "") + "</a>")
            .addTo(reports);
        }
      });
    }).catch(function () {});
  }
  if (!data.point && data.cellsUrl) {
    map.on("moveend", refresh);
    refresh();
    blackSpotsLayer();
  }

  // Black spots that verified associations declared: a layer of their own, on by default and
  // switched off in the layers control; read a box at a time from the API (a page of 200).
  function blackSpotsLayer() {
    var url = data.blackSpotsUrl || (data.reportsUrl || "").replace(/reports\/?$/, "black-spots");
    if (!url) { return; }
    var label = data.labelBlackSpots || (data.language === "fr" ? "Points noirs" : "النقاط السوداء");
    var spots = L.featureGroup().addTo(map);
    var control = {};
    control[label] = spots;
    L.control.layers(null, control, { position: document.documentElement.dir === "rtl" ? "topleft" : "topright" }).addTo(map);
    var waiting = null;
    // Their own SVG layer above the reports' canvas: a few hundred shapes at most, each one an
    // element a tap (and a browser test) can find.
    var renderer = L.svg({ pane: "markerPane" });
    var style = { color: "#111", weight: 2, fillColor: "#111", fillOpacity: 0.35, renderer: renderer };
    function popup(item) {
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = (data.language === "fr" ? item.category_name_fr : item.category_name_ar) + " · " + item.association[nameKey];
      return link;
    }
    function load() {
      if (!map.hasLayer(spots)) { return; }
      if (waiting) { waiting.abort(); }
      waiting = new AbortController();
      var b = map.getBounds();
      var params = new URLSearchParams({ limit: "200" });
      params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(","));
      fetch(url + "?" + params.toString(), { signal: waiting.signal }).then(function (r) { return r.json(); }).then(function (body) {
        spots.clearLayers();
        (body.results || []).forEach(function (item) {
          L.geoJSON(item.geometry, {
            style: style,
            pointToLayer: function (feature, latlng) {
              return L.circleMarker(latlng, { radius: 8, color: "#111", weight: 3, fillColor: "#fff", fillOpacity: 0.9, renderer: renderer });
            }
          }).bindPopup(popup(item)).addTo(spots);
        });
      }).catch(function () {});
    }
    map.on("moveend", load);
    map.on("overlayadd", function (event) { if (event.layer === spots) { load(); } });
    load();
  }
})();
