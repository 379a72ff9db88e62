/* Progressive enhancement only: every page works without this file.
   Facet filter boxes narrow their list as you type (without JS they submit to the facet page).
   An entity's other spellings ride along in its item's data-aliases, one a line, and match
   too ("opec" keeps Organization of Petroleum Exporting Countries); a spelling not carried
   is found by the server, so when nothing shown matches, the box says to press Find. */
"use strict";
function foldText(s) {
  /* as search.entities.gazetteer.fold: accents off, case ignored ("Cisse" finds "Cissé") */
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
var SLASH_KEY = "newsarchive-slash-key";
function hideTip(flag) {
  /* hidden until the focus or the pointer leaves it: waiting for both, a flag the page had
     scrolled under a resting pointer stayed silent for the keyboard user coming back to it */
  flag.classList.add("tip-off");
  function reset() {
    flag.classList.remove("tip-off");
    flag.removeEventListener("focusout", left);
    flag.removeEventListener("mouseleave", reset);
  }
  function left(e) {  /* where the focus goes, known now: a timer raced a quick Tab, Shift+Tab */
    if (!e.relatedTarget || !flag.contains(e.relatedTarget)) { reset(); }
  }
  flag.addEventListener("focusout", left);
  flag.addEventListener("mouseleave", reset);
}
document.addEventListener("DOMContentLoaded", function () {
  /* "/" goes to the search box from the page, as on GitHub and in Gmail; not while typing in
     a field, not with a modifier (Shift+/ is "?" on most keyboards), and not while a link,
     button or other control has the focus: there a "/" said by speech input or hit by mistake
     took the focus away and selected the query for the next key to replace (WCAG 2.1.4). */
  var searchBox = document.getElementById("q");
  /* and it can be turned off, in the footer, for those whose speech input or habits type "/"
     (WCAG 2.1.4); the choice is kept in this browser */
  var slashOff = false;
  try { slashOff = window.localStorage.getItem(SLASH_KEY) === "off"; } catch (err) { /* storage blocked: on */ }
  var slashToggle = document.getElementById("slash-toggle");
  function slashState() {
    if (searchBox) {
      if (slashOff) { searchBox.removeAttribute("aria-keyshortcuts"); } else { searchBox.setAttribute("aria-keyshortcuts", "/"); }
    }
    if (slashToggle) {
      slashToggle.textContent = slashOff ? "Turn on the / key to the search box" : "Turn off the / key to the search box";
    }
  }
  if (slashToggle && searchBox) {
    slashToggle.addEventListener("click", function () {
      slashOff = !slashOff;
      try { window.localStorage.setItem(SLASH_KEY, slashOff ? "off" : "on"); } catch (err) { /* this page only */ }
      slashState();
    });
    slashToggle.hidden = false;
  }
  slashState();
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "Escape") {
      /* a flag's explanation covers text: Esc hides it, the focused flag's and the one under
         the pointer (WCAG 1.4.13) */
      var flags = Array.prototype.slice.call(document.querySelectorAll("mark.flag:hover"));
      var focused = t && t.closest && t.closest("mark.flag");
      if (focused && flags.indexOf(focused) < 0) { flags.push(focused); }
      flags.forEach(hideTip);
      if (flags.length) { return; }
    }
    if (e.key !== "/" || slashOff || e.ctrlKey || e.metaKey || e.altKey || !searchBox || e.defaultPrevented) { return; }
    if (t && t !== document.body && t !== document.documentElement && !(t.matches && t.matches("main, [tabindex='-1']"))) { return; }
    e.preventDefault();
    searchBox.focus();
    searchBox.select();
  });
  document.querySelectorAll("input[data-filters]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-filters"));
    if (!list) { return; }
    var lists = [list];
    /* inside "more", the top values are a separate list: filter them too */
    var details = box.closest("details");
    if (details && details.parentElement) {
      var top = details.parentElement.querySelector("ul.fvals");
      if (top && top !== list) { lists.push(top); }
    }
    var note = document.createElement("p");
    note.className = "ffilter-note";
    note.setAttribute("role", "status");
    list.parentNode.insertBefore(note, list);
    /* the value's name alone, as the server's filter reads it: not its count ("1" listed
       every value in one article), nor an active value's "Remove filter:", and a space shown
       as a symbol ("a␣␣b", its screen reader's " space ") a space again */
    function valueName(li) {
      var v = (li.querySelector(".fv-v") || li).cloneNode(true);
      v.querySelectorAll(".ws").forEach(function (w) { w.replaceWith(" "); });
      v.querySelectorAll(".vh").forEach(function (h) { h.remove(); });
      return v.textContent;
    }
    box.addEventListener("input", function () {
      var needle = foldText(box.value.trim());
      var shown = 0;
      lists.forEach(function (ul) {
        ul.querySelectorAll("li").forEach(function (li) {
          /* the needle holds no line break: it matches within the name or one spelling */
          var words = valueName(li) + "\n" + (li.getAttribute("data-aliases") || "");
          li.hidden = needle !== "" && foldText(words).indexOf(needle) === -1;
          if (!li.hidden) { shown += 1; }
        });
      });
      note.textContent = needle !== "" && shown === 0
        ? "None of the values listed here. Press Find to search every value and spelling." : "";
    });
  });
  /* A document opened from a search: Previous and Next step through its marked matches
     (without JS the count links the first). */
  var nav = document.querySelector(".match-nav");
  var matches = document.querySelectorAll('mark.hit[id^="match-"]');
  if (nav && matches.length > 1) {
    var pos = nav.querySelector(".match-pos");
    var at = -1;
    function find() { matches.forEach(function (m, i) { if ("#" + m.id === location.hash) { at = i; } }); }
    /* before the first step, nothing: the count's link beside it says "17 matches" already;
       each number as the page prints it, "1,200" (the counter read "match 1 of 1200") */
    function n(i) { return i.toLocaleString("en-US"); }
    function show() { pos.textContent = at < 0 ? "" : "match " + n(at + 1) + " of " + n(matches.length); }
    nav.querySelectorAll("button[data-step]").forEach(function (b) {
      b.addEventListener("click", function () {
        var step = parseInt(b.getAttribute("data-step"), 10);
        at = ((at < 0 && step < 0 ? 0 : at) + step + matches.length) % matches.length;
        /* replacing this page's history entry: a new one per step made Back walk the matches
           one by one before it reached the results */
        location.replace("#" + matches[at].id);
        /* once stepping, the buttons float at the top of the window: left in the header, the
           focused button was scrolled off the screen by the jump */
        nav.classList.add("floating");
        b.focus({ preventScroll: true });  /* the jump took the focus to the page: Enter stepped once */
        show();
      });
    });
    window.addEventListener("hashchange", function () { find(); show(); });  /* the count's link to the first */
    find();
    show();
    nav.hidden = false;
  }
});
