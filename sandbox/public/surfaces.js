// The sandbox's admin customer page and customer account: sizes each UI extension's frame to its
// content and does what the extension asked Shopify to do (ui-host.js posts it): open the action
// from the block or from More actions, close it (and refresh the block, as Shopify refreshes the
// page), follow app: and extension:// links, and show toasts.
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  var modal = document.getElementById("sbx-modal");
  var action = document.getElementById("sbx-action");
  var toast = document.getElementById("sbx-toast");
  var toastTimer;

  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });

  function frameOf(name) {
    return document.querySelector('iframe[data-frame="' + name + '"]');
  }
  function openAction() {
    if (!modal || !action) return;
    action.src = action.getAttribute("data-src");
    modal.hidden = false;
  }
  function closeAction() {
    if (!modal) return;
    modal.hidden = true;
    action.removeAttribute("src");
    var block = frameOf("block");
    if (block && block.contentWindow) block.contentWindow.location.reload();
  }
  function showToast(message) {
    if (!toast) return;
    toast.textContent = message;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.hidden = true;
    }, 4000);
  }
  function follow(url) {
    if (url.indexOf("extension://privacy-desk-record-request") === 0) return openAction();
    if (url.indexOf("extension://privacy-desk-account") === 0 && url.indexOf("privacy-desk-account-link") < 0) {
      window.location.href = "/sandbox/account?view=privacy&lang=" + lang;
      return;
    }
    if (url.indexOf("app:") === 0) {
      var path = "/" + url.slice(4).replace(/^\/+/, "");
      window.location.href = "/sandbox?path=" + encodeURIComponent(path) + "&lang=" + lang;
      return;
    }
    if (url.indexOf("shopify:customer-account/") === 0) window.location.href = "/sandbox/account?view=profile&lang=" + lang;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.source !== "ui-host") return;
    var frame = frameOf(event.data.frame);
    if (event.data.type === "resize" && frame) frame.style.height = Math.max(60, event.data.height) + "px";
    if (event.data.type === "navigate") follow(String(event.data.url));
    if (event.data.type === "close") closeAction();
    if (event.data.type === "toast") showToast(String(event.data.message));
  });

  var more = document.getElementById("sbx-more");
  var list = document.getElementById("sbx-more-list");
  if (more && list) {
    more.addEventListener("click", function () {
      list.hidden = !list.hidden;
      more.setAttribute("aria-expanded", String(!list.hidden));
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest("[data-open-action]")) {
        list.hidden = true;
        more.setAttribute("aria-expanded", "false");
        openAction();
      }
    });
  }
  if (modal) {
    modal.addEventListener("click", function (event) {
      if (event.target === modal) closeAction();
    });
  }
})();
