/* Enhances the report form: a map to tap the place, and place search as you type.
   Without JavaScript the form still works with the commune name alone. */
(function () {
  "use strict";
  var script = document.currentScript;
  var data = script.dataset;
  var place = document.getElementById("id_place");
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  var commune = document.querySelector("input[name=commune][type=hidden]");
  var list = document.getElementById("place-suggestions");
  var status = document.getElementById("pick-status");
  var mapElement = document.getElementById("pick-map");
  var nameKey = data.language === "fr" ? "name_fr" : "name_ar";
  var map = null, marker = null;
  // Below this zoom a tap cannot say which street, or even which commune, was meant.
  var PIN_ZOOM = 12;
  var hint = document.getElementById("pick-hint");

  function showLocation(body) {
    status.textContent = data.labelPicked + " " + body.commune[nameKey];
    if (commune) { commune.value = ""; }
  }
  function pick(latlng) {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    if (marker) { marker.setLatLng(latlng); } else {
      // A drawn circle, not an icon: Leaflet cannot find its icon files under hashed static names.
      marker = L.circleMarker(latlng, { radius: 9, color: "#7a1f2b", weight: 3, fillOpacity: 0.5 }).addTo(map);
    }
    fetch(data.locateUrl + "?lat=" + lat.value + "&lon=" + lon.value).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (result) {
      if (result.ok) { showLocation(result.body); place.value = result.body.commune[nameKey]; }
      else { status.textContent = data.labelOutside; unpick(); }
    });
  }
  function unpick() {
    lat.value = ""; lon.value = "";
    if (marker) { map.removeLayer(marker); marker = null; }
  }
  // Choosing a place by name shows it: the map moves to the commune, ready for a pin.
  function showArea(code) {
    if (!map) { return; }
    unpick();
    fetch(data.areaUrl.replace("CODE", encodeURIComponent(code))).then(function (r) { return r.json(); }).then(function (geojson) {
      var bounds = L.geoJSON(geojson).getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 15 }); }
    }).catch(function () {});
  }
  if (window.L && mapElement) {
    mapElement.hidden = false;
    // The help below the place field names the map only once there is one to tap.
    var placeHelp = document.getElementById("id_place_helptext");
    if (placeHelp) { placeHelp.textContent = data.labelHelpMap; }
    map = window.AmaneMap.create(mapElement);
    if (data.tileUrl) { L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 18 }).addTo(map); }
    var outline = null, detailed = false;
    function drawOutline(url) {
      fetch(url).then(function (r) { return r.json(); }).then(function (geojson) {
        if (outline) { map.removeLayer(outline); }
        outline = L.geoJSON(geojson, {
          style: { color: "#5b6770", weight: 0.6, fillColor: "#e9efe6", fillOpacity: 0.6 }, interactive: false
        }).addTo(map).bringToBack();
      }).catch(function () {});
    }
    // A light national outline first; the detailed boundaries once the citizen zooms in.
    drawOutline(data.communesUrl + "?detail=low");
    if (window.AmaneBoundaries) {
      // Past zoom 9, tiles of the viewport (boundaries.js) take over from the light outline.
      window.AmaneBoundaries.attach(map, {
        communesUrl: data.communesUrl, interactive: false, fill: { fillColor: "#e9efe6", fillOpacity: 0.6 },
        onActive: function (on) { if (outline) { if (on) { map.removeLayer(outline); } else { outline.addTo(map).bringToBack(); } } }
      });
    } else {
      map.on("zoomend", function () {
        if (!detailed && map.getZoom() >= 9) { detailed = true; drawOutline(data.communesUrl); }
      });
    }
    // The hint stays while a pin cannot be dropped, and goes once it can.
    function showHint() { hint.hidden = map.getZoom() >= PIN_ZOOM; }
    map.on("zoomend", showHint);
    showHint();
    map.on("click", function (event) {
      if (map.getZoom() >= PIN_ZOOM) { pick(event.latlng); return; }
      // Too far out to mean a place: come closer around the tap instead of dropping a pin.
      status.textContent = data.labelCloser;
      map.setView(event.latlng, Math.min(map.getZoom() + 3, PIN_ZOOM));
    });
    var locate = document.getElementById("use-location");
    if (locate && navigator.geolocation) {
      locate.hidden = false;
      locate.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (position) {
          var here = L.latLng(position.coords.latitude, position.coords.longitude);
          map.setView(here, 16);
          pick(here);
        }, function () { status.textContent = data.labelNoLocation; }, { enableHighAccuracy: true, timeout: 15000 });
      });
    }
    if (lat.value && lon.value) {
      var kept = L.latLng(parseFloat(lat.value), parseFloat(lon.value));
      map.setView(kept, 16);
      pick(kept);
    } else if (commune && commune.value) { showArea(commune.value); }
  }

  var timer = null;
  place.addEventListener("input", function () {
    clearTimeout(timer);
    var q = place.value.trim();
    if (commune) { commune.value = ""; }
    if (q.length < 2) { list.hidden = true; return; }
    timer = setTimeout(function () {
      fetch(data.placesUrl + "?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (body) {
        list.innerHTML = "";
        (body.results || []).filter(function (p) { return p.kind === "commune" || p.kind === "arrondissement"; })
          .forEach(function (p) {
            var item = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = p[nameKey] + (p.province ? " — " + p.province[nameKey] : "");
            button.addEventListener("click", function () {
              place.value = p[nameKey];
              if (commune) { commune.value = p.code; }
              lat.value = ""; lon.value = "";
              list.hidden = true;
              status.textContent = data.labelPicked + " " + p[nameKey];
              showArea(p.code);
            });
            item.appendChild(button);
            list.appendChild(item);
          });
        list.hidden = list.children.length === 0;
      }).catch(function () {});
    }, 250);
  });
})();
