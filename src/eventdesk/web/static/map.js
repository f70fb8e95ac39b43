// Event maps on an offline basemap: Natural Earth country borders (npm world-atlas) drawn
// with Leaflet; no tiles, no network beyond this server. Markers are keyboard-focusable.
(function () {
  "use strict";
  var COLOURS = {"Battles": "#D55E00", "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7", "Protests": "#0072B2", "Riots": "#56B4E9",
    "Strategic developments": "#009E73"};

  function basemap(el) {
    var map = L.map(el, {worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5});
    map.setView([25, 20], 2);
    fetch(el.dataset.world).then(function (r) { return r.json(); }).then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      L.geoJSON(land, {interactive: false, style: {color: "#8a8f94", weight: 0.6,
        fillColor: "#f3f1ea", fillOpacity: 1}}).addTo(map).bringToBack();
    });
    return map;
  }

  function size(fatalities) {  // area grows with fatalities, as on ACLED's maps
    return Math.round(10 + 4 * Math.sqrt(Math.max(0, fatalities || 0)));
  }

  var icons = {};  // one icon per type and size: 10,000 markers share a few dozen

  function icon(type, fatalities) {
    var d = Math.min(size(fatalities), 48);
    var key = type + "|" + d;
    if (!icons[key]) { icons[key] = makeIcon(type, d); }
    return icons[key];
  }

  function makeIcon(type, d) {
    var el = document.createElement("span");
    el.className = "event-marker";
    el.style.cssText = "display:block;width:" + d + "px;height:" + d + "px;background:" +
      (COLOURS[type] || "#999");
    return L.divIcon({html: el.outerHTML, className: "", iconSize: [d, d]});
  }

  function popup(row) {  // built from text nodes: names from articles are never parsed as HTML
    var box = document.createElement("div");
    var a = document.createElement("a");
    a.href = "/events/" + encodeURIComponent(row[0]);
    a.className = "to-event";
    a.textContent = (row[3] || "Event") + (row[5] ? " · " + row[5] : "");
    box.appendChild(a);
    var p = document.createElement("div");
    p.textContent = (row[6] || "") + (row[4] != null ? " · " + row[4] + " killed" : "");
    box.appendChild(p);
    return box;
  }

  function eventMap(el) {
    var map = basemap(el);
    fetch(el.dataset.points).then(function (r) { return r.json(); }).then(function (data) {
      var cluster = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 40,
        spiderfyOnMaxZoom: true});
      var bounds = [];
      data.rows.forEach(function (row) {
        var m = L.marker([row[1], row[2]], {icon: icon(row[3], row[4]), keyboard: true,
          title: (row[3] || "") + " " + (row[5] || "") + " " + (row[6] || ""), alt: row[3] || "event"});
        m.bindPopup(function () { return popup(row); });  // built when opened
        cluster.addLayer(m);
        bounds.push([row[1], row[2]]);
      });
      map.addLayer(cluster);
      if (bounds.length) { map.fitBounds(bounds, {maxZoom: 6, padding: [30, 30]}); }
      el.dataset.loaded = String(data.rows.length);
    });
  }

  function miniMap(el) {
    var map = basemap(el);
    var places = JSON.parse(el.dataset.places);
    var bounds = [];
    places.forEach(function (p) {
      if (p.latitude == null || p.longitude == null) { return; }
      var c = L.circleMarker([p.latitude, p.longitude], {radius: 4 + 2 * Math.sqrt(p.events),
        color: "#17324d", weight: 1, fillColor: "#d55e00", fillOpacity: 0.7});
      var label = document.createElement("span");
      label.textContent = (p.location || "?") + ": " + p.events;
      c.bindTooltip(label);
      c.addTo(map);
      bounds.push([p.latitude, p.longitude]);
    });
    if (bounds.length) { map.fitBounds(bounds, {maxZoom: 6, padding: [20, 20]}); }
    el.dataset.loaded = String(bounds.length);
  }

  document.querySelectorAll("#map[data-points]").forEach(eventMap);
  document.querySelectorAll(".minimap[data-places]").forEach(miniMap);
})();
