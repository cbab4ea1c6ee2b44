// The admin stand-in's sidebar: the App Bridge stub inside the app's frame reports the app's nav
// menu, title and location; clicking a sidebar link asks the stub to follow the app's own link
// (a client-side Remix navigation), as Shopify admin does.
(function () {
  "use strict";
  var frame = document.getElementById("sbx-app");
  var nav = document.getElementById("sbx-nav");
  var titleNode = document.getElementById("sbx-title");
  var pathNode = document.getElementById("sbx-path");
  var actionsNode = document.getElementById("sbx-actions");
  var crumbsNode = document.getElementById("sbx-crumbs");
  var items = [];
  var currentPath = "";

  function isCurrent(item) {
    var path = currentPath.split("?")[0];
    if (item.home) return path === item.href || path === item.href + "/";
    return path === item.href || path.indexOf(item.href + "/") === 0;
  }

  function draw() {
    nav.textContent = "";
    items.forEach(function (item) {
      var link = document.createElement("a");
      link.href = "/sandbox?path=" + encodeURIComponent(item.href) + "&lang=" + document.documentElement.lang;
      link.textContent = item.label;
      link.setAttribute("data-href", item.href);
      if (isCurrent(item)) link.setAttribute("aria-current", "page");
      link.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        frame.contentWindow.postMessage({ type: "navigate", href: item.href }, window.location.origin);
      });
      nav.appendChild(link);
    });
  }

  // The app's <TitleBar> actions, drawn in the admin's bar; a click is replayed on the app's button.
  function drawActions(actions) {
    actionsNode.textContent = "";
    crumbsNode.textContent = "";
    actions.forEach(function (action, index) {
      if (action.breadcrumb) {
        var crumb = document.createElement("button");
        crumb.type = "button";
        crumb.className = "sbx-crumb";
        crumb.textContent = action.label;
        crumb.addEventListener("click", function () {
          frame.contentWindow.postMessage({ type: "titlebar-action", index: index }, window.location.origin);
        });
        crumbsNode.appendChild(crumb);
        crumbsNode.appendChild(document.createTextNode(" › "));
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sbx-button" + (action.primary ? " sbx-button--primary" : "") + (action.critical ? " sbx-button--critical" : "");
      button.textContent = action.label;
      button.disabled = Boolean(action.disabled);
      button.addEventListener("click", function () {
        frame.contentWindow.postMessage({ type: "titlebar-action", index: index }, window.location.origin);
      });
      actionsNode.appendChild(button);
    });
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.source !== "app-bridge-stub") return;
    if (data.path) {
      currentPath = data.path;
      pathNode.textContent = data.path.split("?")[0];
      // Keep the sandbox URL pointing at the app page, so a reload comes back to it.
      var url = new URL(window.location.href);
      url.searchParams.set("path", currentPath.split("?")[0]);
      window.history.replaceState(null, "", url);
    }
    if (data.type === "nav") items = data.items || [];
    if (data.type === "title") {
      titleNode.textContent = data.title || "Privacy Desk";
      document.title = (data.title ? data.title + " · " : "") + "Privacy Desk";
      drawActions(data.actions || []);
    }
    draw();
  });
})();
