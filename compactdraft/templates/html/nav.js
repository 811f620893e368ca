// compactdraft: step from change to change (buttons, keys n/j next, p/k previous) and filter by kind and
// section. Without scripts every entry shows and the page still reads top to bottom.
(function () {
  "use strict";
  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var bar = document.querySelector(".toolbar");
  if (!bar) { return; }
  bar.hidden = false;
  var position = bar.querySelector(".position");
  var current = -1;
  function visibleChanges() {
    return entries.filter(function (e) { return e.classList.contains("changed") && !e.hidden; });
  }
  function show(index) {
    var changes = visibleChanges();
    entries.forEach(function (e) { e.classList.remove("current"); });
    if (!changes.length) { position.textContent = "no change shown"; current = -1; return; }
    current = (index + changes.length) % changes.length;
    var entry = changes[current];
    entry.classList.add("current");
    entry.scrollIntoView({block: "center"});
    position.textContent = "change " + (current + 1) + " of " + changes.length;
    if (history.replaceState) { history.replaceState(null, "", "#" + entry.id); }
  }
  function step(delta) {
    var changes = visibleChanges();
    var at = changes.indexOf(document.querySelector(".entry.current"));
    show(at < 0 ? (delta > 0 ? 0 : changes.length - 1) : at + delta);
  }
  function applyFilters() {
    var kinds = {};
    bar.querySelectorAll("input[data-kind]").forEach(function (box) { kinds[box.dataset.kind] = box.checked; });
    var section = bar.querySelector("select[name=section]").value;
    entries.forEach(function (e) {
      var kindShown = kinds[e.dataset.kind] !== false;
      e.hidden = !(kindShown && (section === "" || e.dataset.section === section));
    });
    document.querySelectorAll("h2[data-section]").forEach(function (h) {
      h.hidden = section !== "" && h.dataset.section !== section;
    });
    var changes = visibleChanges();
    position.textContent = changes.length + " changes shown";
  }
  bar.querySelector("button.next").addEventListener("click", function () { step(1); });
  bar.querySelector("button.prev").addEventListener("click", function () { step(-1); });
  bar.querySelectorAll("input, select").forEach(function (el) { el.addEventListener("change", applyFilters); });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") { return; }
    if (event.key === "n" || event.key === "j") { step(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { step(-1); event.preventDefault(); }
  });
  applyFilters();
  var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target && target.classList.contains("entry")) {
    var changes = visibleChanges();
    if (changes.indexOf(target) >= 0) { show(changes.indexOf(target)); } else { target.classList.add("current"); }
  }
}());
