/* The report form's helpers: focus on the error summary, a character counter, and a draft
   kept in this tab (sessionStorage) so that switching language does not lose what was typed.
   Loaded before report-form.js, so that a restored point is drawn on its map. */
(function () {
  "use strict";
  var data = document.currentScript.dataset;
  var form = document.getElementById("report-form");
  if (!form) { return; }
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var description = document.getElementById("id_description");
  var counter = document.getElementById("description-count");
  if (description && counter) {
    var limit = parseInt(counter.dataset.limit, 10);
    var update = function () {
      var count = description.value.trim().length;
      counter.textContent = count + " / " + limit + " " + data.counterUnit;
      counter.classList.toggle("over", count > limit);
      // Read out only near the limit: every keystroke announced would drown the typing.
      counter.setAttribute("aria-live", count > limit * 0.9 ? "polite" : "off");
    };
    counter.hidden = false;
    description.addEventListener("input", update);
    update();
  }

  // Not the contact, nor photos: only what describes the event, and only in this tab.
  var KEY = "amane-report-draft";
  var kept = ["description", "place", "commune", "lat", "lon", "occurred_on", "occurred_time"];
  var storage = null;
  try { storage = window.sessionStorage; } catch (e) { return; }
  function field(name) { return form.querySelector("[name=" + name + "]:not([type=radio])"); }
  function save() {
    var draft = {};
    kept.forEach(function (name) { var input = field(name); if (input) { draft[name] = input.value; } });
    var category = form.querySelector("input[name=category]:checked");
    draft.category = category ? category.value : "";
    try { storage.setItem(KEY, JSON.stringify(draft)); } catch (e) { /* full or refused */ }
  }
  // A page the server drew again after an error already holds what was sent.
  if (!summary) {
    var draft = null;
    try { draft = JSON.parse(storage.getItem(KEY) || "null"); } catch (e) { draft = null; }
    if (draft && typeof draft === "object") {
      kept.forEach(function (name) {
        var input = field(name);
        if (input && typeof draft[name] === "string" && draft[name] !== "") { input.value = draft[name]; }
      });
      if (draft.category) {
        var radio = form.querySelector("input[name=category][value='" + String(draft.category).replace(/[^a-z0-9-]/g, "") + "']");
        if (radio) { radio.checked = true; }
      }
    }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
})();
