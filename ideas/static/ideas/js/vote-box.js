/* Progressive enhancement of the vote box: vote and withdraw without a page reload.
   Without JavaScript (or if anything fails) the forms post normally and redirect back. */
(function () {
  "use strict";
  if (window.toriVoteBox || !window.fetch || !window.FormData) {
    return;
  }
  window.toriVoteBox = true;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var box = form.closest ? form.closest("[data-vote-box]") : null;
    if (!box) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) {
      if (button.disabled) {
        return;
      }
      button.disabled = true;
    }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok && response.status !== 429) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        var status = box.querySelector("[data-vote-box-status]");
        if (data.html) {
          var holder = document.createElement("div");
          holder.innerHTML = data.html;
          var freshBody = holder.querySelector("[data-vote-box-body]");
          var body = box.querySelector("[data-vote-box-body]");
          if (freshBody && body) {
            body.replaceWith(freshBody);
          }
        } else if (button) {
          button.disabled = false;
        }
        if (status) {
          status.className = "vote-box-status message " + (data.level || "info");
          status.innerHTML = data.message;
        }
      })
      .catch(function () {
        form.submit();
      });
  });
})();
