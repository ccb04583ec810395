/* A live count of the characters left for text boxes with data-count="600" ("123 / 600").
   Without this script the field's help text already says the limit.
   A failed form's error summary is focused when the page opens (its autofocus attribute, and
   here for browsers that ignore it on a box); its links move the focus to their field. */
(function () {
    "use strict";
    var PAUSE_MS = 400;
    function attach(box) {
        var limit = parseInt(box.getAttribute("data-count"), 10);
        if (!limit) { return; }
        var count = document.createElement("p");
        count.className = "char-count";
        count.id = box.id ? box.id + "_count" : "";
        count.setAttribute("aria-live", "polite");
        var timer = null;
        function update() {
            count.textContent = box.value.length + " / " + limit;
            count.classList.toggle("char-count-over", box.value.length > limit);
        }
        update();
        box.insertAdjacentElement("afterend", count);
        box.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(update, PAUSE_MS);
        });
    }
    function toField(event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) { return; }
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) { return; }
        event.preventDefault();
        var label = field.id ? document.querySelector("label[for='" + field.id + "']") : null;
        var group = field.closest("fieldset");
        (group || label || field).scrollIntoView({block: "start"});
        field.focus({preventScroll: true});
        window.history.replaceState(null, "", "#" + field.id);
    }
    function init() {
        var boxes = document.querySelectorAll("[data-count]");
        for (var i = 0; i < boxes.length; i += 1) { attach(boxes[i]); }
        var summaries = document.querySelectorAll(".error-summary");
        for (var j = 0; j < summaries.length; j += 1) {
            summaries[j].addEventListener("click", toField);
        }
        if (summaries.length && !summaries[0].contains(document.activeElement)) {
            summaries[0].focus();
        }
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}());
