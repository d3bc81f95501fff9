// Story page: click a statement to highlight its counterparts in the other columns; click an
// entity (or one of its variants in the panel) to highlight it everywhere. No inline script.
"use strict";
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!(target instanceof Element)) { return; }
  var claim = target.closest(".claim[data-fact]");
  var variant = target.closest(".variant, .ent[data-entity]");
  if (claim) {
    var fact = claim.getAttribute("data-fact");
    var was = claim.classList.contains("active");
    document.querySelectorAll(".claim.active, .claim.counterpart").forEach(function (el) {
      el.classList.remove("active", "counterpart");
    });
    if (!was) {
      document.querySelectorAll(".claim[data-fact]").forEach(function (el) {
        if (el.getAttribute("data-fact") !== fact) { return; }
        el.classList.add(el === claim ? "active" : "counterpart");
        if (el !== claim) { el.scrollIntoView({block: "nearest"}); }
      });
    }
  }
  if (variant && !claim) {
    var id = variant.getAttribute("data-entity");
    document.querySelectorAll(".ent.hl").forEach(function (el) { el.classList.remove("hl"); });
    document.querySelectorAll(".ent[data-entity]").forEach(function (el) {
      if (el.getAttribute("data-entity") === id) { el.classList.add("hl"); }
    });
  }
});
