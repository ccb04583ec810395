/* Small enhancements; everything works without this file.
   1. The catalogue's filters: a disclosure closed by default (phones); on wider screens CSS
      shows its content beside the results, and this opens it for browsers without
      ::details-content.
   2. Header menu on small screens. Without JavaScript the "Menu" link opens the menu through
   its #site-menu target (CSS :target); with it the link toggles the menu in place and tells
   assistive technology whether the menu is open. Escape closes the menu and the account menu. */
(function () {
  "use strict";
  var filters = document.querySelector(".filters-disclosure");
  if (filters && window.matchMedia("(min-width: 48rem)").matches) { filters.open = true; }
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!toggle || !menu) { return; }
  var close = menu.querySelector(".menu-close");
  document.documentElement.classList.add("js-menu");
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");

  function setOpen(open) {
    menu.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    setOpen(!menu.classList.contains("is-open"));
  });
  toggle.addEventListener("keydown", function (event) {
    if (event.key === " ") { event.preventDefault(); toggle.click(); }
  });
  if (close) {
    close.addEventListener("click", function (event) {
      event.preventDefault();
      setOpen(false);
      toggle.focus();
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var account = document.querySelector(".account-menu[open]");
    if (account) {
      account.removeAttribute("open");
      account.querySelector("summary").focus();
    } else if (menu.classList.contains("is-open")) {
      setOpen(false);
      toggle.focus();
    }
  });
  document.addEventListener("click", function (event) {
    var account = document.querySelector(".account-menu[open]");
    if (account && !account.contains(event.target)) { account.removeAttribute("open"); }
  });
})();
