/* What every Amane map shares: Morocco's bounds, bounded zoom, controls in the page's
   language on its start side (the right in Arabic), and an attribution without a flag. */
(function () {
  "use strict";
  if (!window.L) { return; }
  var labels = document.currentScript.dataset;
  var MOROCCO = [[20.8, -17.1], [35.95, -1.0]];
  var rtl = document.documentElement.dir === "rtl";
  window.AmaneMap = {
    MOROCCO: MOROCCO,
    MIN_ZOOM: 4,
    MAX_ZOOM: 18,
    maps: [],
    create: function (element, options) {
      var settings = {
        zoomControl: false,
        attributionControl: false,
        minZoom: 4,
        maxZoom: 18,
        // A margin around the country, so that its edges can come to the middle of a phone.
        maxBounds: L.latLngBounds(MOROCCO).pad(0.3),
        maxBoundsViscosity: 0.8
      };
      Object.keys(options || {}).forEach(function (key) { settings[key] = options[key]; });
      var map = L.map(element, settings);
      L.control.zoom({
        position: rtl ? "topright" : "topleft",
        zoomInTitle: labels.zoomIn,
        zoomOutTitle: labels.zoomOut
      }).addTo(map);
      L.control.attribution({
        position: rtl ? "bottomleft" : "bottomright",
        prefix: '<a href="https://leafletjs.com">Leaflet</a>'
      }).addTo(map);
      map.on("popupopen", function (event) {
        var close = event.popup.getElement() && event.popup.getElement().querySelector(".leaflet-popup-close-button");
        if (close) { close.setAttribute("aria-label", labels.close); close.title = labels.close; }
      });
      // The zoom on the element, and every map in a list: what a browser test can read
      // without evaluating code, which the page's CSP forbids.
      map.on("zoomend", function () { element.dataset.zoom = String(map.getZoom()); });
      map.fitBounds(MOROCCO);
      element.dataset.zoom = String(map.getZoom());
      window.AmaneMap.maps.push(map);
      return map;
    },
    // Built from text nodes: a name or label never becomes markup.
    communePopup: function (map, event, code) {
      // Stopped, as Leaflet stops its own popups' clicks: the map would close it on the same click.
      L.DomEvent.stop(event);
      var latlng = event.latlng;
      var box = document.createElement("div");
      box.className = "commune-popup";
      box.textContent = labels.loading;
      var popup = L.popup().setLatLng(latlng).setContent(box).openOn(map);
      fetch("/communes/" + encodeURIComponent(code) + "/summary.json").then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      }).then(function (summary) {
        box.textContent = "";
        var title = document.createElement("strong");
        title.textContent = summary.name;
        var total = document.createElement("p");
        total.textContent = labels.reports + " " + summary.total;
        box.appendChild(title);
        box.appendChild(total);
        if (summary.statuses.length) {
          var list = document.createElement("ul");
          summary.statuses.forEach(function (status) {
            var item = document.createElement("li");
            item.textContent = status.label + ": " + status.count;
            list.appendChild(item);
          });
          box.appendChild(list);
        }
        var link = document.createElement("a");
        link.href = summary.url;
        link.textContent = labels.communePage;
        box.appendChild(link);
        popup.update();
      }).catch(function () { box.textContent = labels.unavailable; });
      return popup;
    }
  };
})();
