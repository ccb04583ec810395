/* A live count of the characters left for text boxes with data-count="600" ("123 / 600").
   Without this script the field's help text already says the limit. */
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
    function init() {
        var boxes = document.querySelectorAll("[data-count]");
        for (var i = 0; i < boxes.length; i += 1) { attach(boxes[i]); }
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}());
