/* Progressive enhancement only: every page works without this file.
   Facet filter boxes narrow their list as you type (without JS they submit to the facet page). */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-filters]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-filters"));
    if (!list) { return; }
    var details = box.closest("details");
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      list.querySelectorAll("li").forEach(function (li) {
        li.hidden = needle !== "" && li.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
    /* inside "more", the top values are a separate list: filter them too */
    if (details && details.parentElement) {
      var top = details.parentElement.querySelector("ul.fvals");
      if (top && top !== list) {
        box.addEventListener("input", function () {
          var needle = box.value.trim().toLowerCase();
          top.querySelectorAll("li").forEach(function (li) {
            li.hidden = needle !== "" && li.textContent.toLowerCase().indexOf(needle) === -1;
          });
        });
      }
    }
  });
});
