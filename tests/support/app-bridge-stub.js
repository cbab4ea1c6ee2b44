// Stand-in for https://cdn.shopify.com/shopifycloud/app-bridge.js, for the sandbox and browser tests
// only (never shipped: the sandbox rewrites the CDN URL in the HTML it proxies, tests route it).
//
// It gives the app what App Bridge React 4 and @shopify/shopify-app-remix expect of `window.shopify`:
// config, idToken(), toast, loading, saveBar, modal, the custom elements <ui-nav-menu>, <ui-title-bar>,
// <ui-save-bar> and <ui-modal>, session tokens on the app's own fetch calls, and the `shopify-reload`
// bounce page. Session tokens come from the host page, in this order:
//   1. window.__APP_BRIDGE_STUB__.idToken: a token string or a function returning one (tests set it
//      with page.addInitScript);
//   2. a URL answering the token as text or JSON { token }: window.__APP_BRIDGE_STUB__.tokenUrl, the
//      script tag's data-token-url, or the sandbox's /sandbox/session-token?shop=<shop>.
// Admin chrome (navigation) lives in the parent frame: the nav menu's links and the current location
// are posted to it, and it may post back { type: "navigate", href } to follow a link client-side.
//
// React hydrates the document, so the stub never adds nodes inside React's elements: the elements'
// own children stay hidden and the stub draws its chrome in one layer appended to the end of <body>.
(function appBridgeStub() {
  "use strict";
  if (window.shopify) return;

  var script = document.currentScript;
  var hostOptions = window.__APP_BRIDGE_STUB__ || {};
  var params = new URLSearchParams(window.location.search);
  var remembered = readRemembered();
  var config = {
    apiKey: (script && script.getAttribute("data-api-key")) || hostOptions.apiKey || remembered.apiKey || "",
    shop: params.get("shop") || hostOptions.shop || remembered.shop || "",
    host: params.get("host") || hostOptions.host || remembered.host || "",
    locale: params.get("locale") || hostOptions.locale || remembered.locale || document.documentElement.lang || "en",
  };
  remember(config);
  var japanese = /^ja/i.test(config.locale);
  var words = japanese
    ? {
        unsaved: "未保存の変更",
        save: "保存",
        discard: "破棄",
        close: "閉じる",
        leaveTitle: "未保存の変更があります。ページから移動しますか？",
        leaveBody: "このページから移動すると、未保存の変更はすべて失われます。",
        stay: "このページにとどまる",
        leave: "ページから移動",
      }
    : {
        unsaved: "Unsaved changes",
        save: "Save",
        discard: "Discard",
        close: "Close",
        leaveTitle: "Leave page with unsaved changes?",
        leaveBody: "Leaving this page will delete all unsaved changes.",
        stay: "Stay",
        leave: "Leave page",
      };

  function readRemembered() {
    try {
      return JSON.parse(window.sessionStorage.getItem("app-bridge-stub") || "{}");
    } catch {
      return {};
    }
  }
  function remember(value) {
    try {
      window.sessionStorage.setItem("app-bridge-stub", JSON.stringify(value));
    } catch {
      // storage may be unavailable in a third-party frame; the URL carries the values anyway
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Session tokens
  var realFetch = window.fetch.bind(window);
  var cached = null; // { token, expiresAt (ms) }

  function tokenExpiry(token) {
    try {
      var payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      return payload.exp * 1000;
    } catch {
      return 0;
    }
  }

  async function freshToken() {
    var given = hostOptions.idToken;
    if (typeof given === "function") return String(await given());
    if (typeof given === "string" && given) return given;
    if (cached && cached.expiresAt - Date.now() > 10000) return cached.token;
    var url =
      hostOptions.tokenUrl ||
      (script && script.getAttribute("data-token-url")) ||
      "/sandbox/session-token?shop=" + encodeURIComponent(config.shop);
    var response = await realFetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error("App Bridge stub: no session token (HTTP " + response.status + ")");
    var type = response.headers.get("content-type") || "";
    var token = type.indexOf("json") >= 0 ? (await response.json()).token : (await response.text()).trim();
    cached = { token: token, expiresAt: tokenExpiry(token) };
    return token;
  }

  function sameOrigin(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch {
      return false;
    }
  }

  // App Bridge authenticates the app's own requests to its backend with a fresh session token.
  window.fetch = async function fetchWithSessionToken(input, init) {
    var url = input instanceof Request ? input.url : String(input);
    if (!sameOrigin(url)) return realFetch(input, init);
    var send = async function () {
      var request = new Request(input, init);
      if (!request.headers.has("Authorization")) {
        request.headers.set("Authorization", "Bearer " + (await freshToken()));
      }
      return realFetch(request);
    };
    var response = await send();
    // The library asks for one retry with a new token when the one it got had just expired.
    if (response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") {
      cached = null;
      response = await send();
    }
    return response;
  };

  // ---------------------------------------------------------------------------------------------
  // The stub's own layer: styles without DOM nodes, chrome in one element at the end of <body>.
  var sheet = new CSSStyleSheet();
  sheet.replaceSync(
    [
      "ui-nav-menu, ui-title-bar, ui-save-bar, ui-modal { display: none !important; }",
      ".abs-layer { font: 14px/1.4 -apple-system, BlinkMacSystemFont, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', sans-serif; }",
      ".abs-titlebar { position: fixed; top: 0; left: 0; right: 0; z-index: 510; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 16px; background: #f1f1f1; border-bottom: 1px solid #e3e3e3; }",
      ".abs-titlebar h1 { flex: 1 1 120px; min-width: 0; margin: 0; font-size: 16px; font-weight: 650; color: #303030; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }",
      ".abs-button { white-space: nowrap; border: 1px solid #c9cccf; border-radius: 8px; padding: 6px 12px; background: #fff; color: #303030; font: inherit; font-weight: 550; cursor: pointer; }",
      ".abs-button.abs-breadcrumb { border-color: transparent; background: none; padding: 6px 4px; color: #616161; }",
      ".abs-button[disabled] { opacity: .5; cursor: default; }",
      ".abs-button.abs-primary { background: #303030; border-color: #303030; color: #fff; }",
      ".abs-button.abs-critical { background: #c70a24; border-color: #c70a24; color: #fff; }",
      ".abs-savebar { position: fixed; top: 0; left: 0; right: 0; z-index: 520; display: flex; align-items: center; gap: 8px; padding: 10px 16px; background: #1a1a1a; color: #fff; box-shadow: 0 2px 6px rgba(0,0,0,.25); }",
      ".abs-savebar span { flex: 1; font-weight: 650; }",
      ".abs-savebar .abs-button { background: #303030; color: #fff; border-color: #616161; }",
      ".abs-savebar .abs-button.abs-primary { background: #fff; color: #303030; border-color: #fff; }",
      ".abs-toasts { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); z-index: 540; display: flex; flex-direction: column; gap: 8px; align-items: center; }",
      ".abs-toast { display: flex; gap: 12px; align-items: center; padding: 10px 16px; border-radius: 10px; background: #1a1a1a; color: #fff; box-shadow: 0 4px 12px rgba(0,0,0,.3); }",
      ".abs-toast.abs-error { background: #c70a24; }",
      ".abs-toast button { background: none; border: 0; color: inherit; text-decoration: underline; cursor: pointer; font: inherit; }",
      ".abs-loading { position: fixed; top: 0; left: 0; height: 3px; width: 100%; z-index: 530; background: linear-gradient(90deg, transparent, #008060, transparent); background-size: 50% 100%; animation: abs-slide 1s linear infinite; }",
      "@keyframes abs-slide { from { background-position: -50% 0; } to { background-position: 150% 0; } }",
      ".abs-backdrop { position: fixed; inset: 0; z-index: 525; display: flex; align-items: center; justify-content: center; background: rgba(0,0,0,.5); }",
      ".abs-dialog { display: flex; flex-direction: column; width: min(620px, calc(100vw - 32px)); max-height: calc(100vh - 64px); background: #fff; border-radius: 12px; overflow: hidden; box-shadow: 0 8px 24px rgba(0,0,0,.3); }",
      ".abs-dialog.abs-large { width: min(980px, calc(100vw - 32px)); }",
      ".abs-dialog header { display: flex; align-items: center; padding: 12px 16px; background: #f3f3f3; border-bottom: 1px solid #e3e3e3; }",
      ".abs-dialog header h2 { flex: 1; margin: 0; font-size: 14px; font-weight: 650; }",
      ".abs-dialog header button { border: 0; background: none; font-size: 20px; line-height: 1; cursor: pointer; }",
      ".abs-dialog .abs-content { overflow: auto; }",
      ".abs-dialog footer { display: flex; justify-content: flex-end; gap: 8px; padding: 12px 16px; border-top: 1px solid #e3e3e3; }",
      ".abs-dialog footer:empty { display: none; }",
    ].join("\n"),
  );
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);

  var layer = null;
  function chromeLayer() {
    if (!layer) {
      layer = document.createElement("div");
      layer.className = "abs-layer";
      layer.setAttribute("data-app-bridge-stub", "");
      // Appended only once the parser is done, so it lands after everything React will hydrate
      // (React leaves extra nodes at the end of <body> alone).
      var attach = function () {
        document.body.appendChild(layer);
      };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
      else attach();
    }
    return layer;
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A stub-drawn copy of a React-rendered <button>: same label and state, clicking it clicks the
  // original, so React's handler runs.
  function mirrorButton(original, fallbackLabel) {
    var copy = element("button", "abs-button", (original.textContent || "").trim() || fallbackLabel || "");
    copy.type = "button";
    var variant = original.getAttribute("variant");
    if (variant === "primary") copy.classList.add("abs-primary");
    if (original.getAttribute("tone") === "critical") copy.classList.add("abs-critical");
    copy.disabled = original.disabled || original.hasAttribute("loading");
    copy.addEventListener("click", function () {
      original.click();
    });
    return copy;
  }
  function actionButtons(container) {
    return Array.prototype.filter.call(container.querySelectorAll("button, a"), function (node) {
      return !node.closest("section") || node.closest("section").parentElement === container;
    });
  }

  // Re-draw a stub copy whenever React changes the element it mirrors.
  function watch(target, redraw) {
    var scheduled = false;
    var observer = new MutationObserver(function () {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(function () {
        scheduled = false;
        redraw();
      });
    });
    observer.observe(target, { subtree: true, childList: true, attributes: true, characterData: true });
    return observer;
  }

  // ---------------------------------------------------------------------------------------------
  // Parent frame (the sandbox's admin chrome)
  var inFrame = window.parent && window.parent !== window;
  function tellParent(message) {
    if (!inFrame) return;
    message.source = "app-bridge-stub";
    window.parent.postMessage(message, "*");
  }
  function currentPath() {
    return window.location.pathname + window.location.search;
  }
  ["pushState", "replaceState"].forEach(function (method) {
    var original = window.history[method];
    window.history[method] = function () {
      var result = original.apply(this, arguments);
      tellParent({ type: "location", path: currentPath() });
      return result;
    };
  });
  window.addEventListener("popstate", function () {
    tellParent({ type: "location", path: currentPath() });
  });

  function navMenu() {
    return document.querySelector("ui-nav-menu");
  }
  function navItems(menu) {
    return Array.prototype.map.call(menu.querySelectorAll("a[href]"), function (anchor) {
      return {
        href: new URL(anchor.getAttribute("href"), window.location.href).pathname,
        label: (anchor.textContent || "").trim(),
        home: anchor.getAttribute("rel") === "home",
      };
    });
  }
  function reportNav() {
    var menu = navMenu();
    if (menu) tellParent({ type: "nav", items: navItems(menu), path: currentPath() });
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data) return;
    if (event.data.type === "titlebar-action") {
      var titleBar = pageTitleBar();
      if (titleBar) titleBar.clickAction(Number(event.data.index));
      return;
    }
    if (event.data.type !== "navigate") return;
    var href = String(event.data.href || "");
    var target = new URL(href, window.location.href).pathname;
    var menu = navMenu();
    var anchor =
      menu &&
      Array.prototype.find.call(menu.querySelectorAll("a[href]"), function (candidate) {
        return new URL(candidate.getAttribute("href"), window.location.href).pathname === target;
      });
    if (anchor) {
      // The anchor is a Remix <Link>: its click handler navigates client-side.
      anchor.click();
    } else {
      // shopify-app-remix's AppProvider navigates on this event, as it does for admin-driven links.
      var carrier = element("a");
      carrier.setAttribute("href", href);
      chromeLayer().appendChild(carrier);
      carrier.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
      carrier.remove();
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Custom elements
  class NavMenuElement extends HTMLElement {
    connectedCallback() {
      this._observer = watch(this, reportNav);
      reportNav();
    }
    disconnectedCallback() {
      if (this._observer) this._observer.disconnect();
    }
  }

  // The title bar belongs to the admin, outside the app's frame: inside a parent frame (the
  // sandbox) the title and actions are posted to it and its clicks come back as
  // { type: "titlebar-action", index }; on its own (a test page) the stub draws the bar on top.
  var offsetSheet = new CSSStyleSheet();
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat([offsetSheet]);
  var pageTitleBars = new Set();
  function pageTitleBar() {
    return Array.from(pageTitleBars).pop() || null;
  }

  class TitleBarElement extends HTMLElement {
    connectedCallback() {
      if (this.closest("ui-modal")) return; // a modal draws its own header and footer
      pageTitleBars.add(this);
      if (!inFrame) {
        this._bar = element("div", "abs-titlebar");
        this._bar.setAttribute("data-app-bridge-title-bar", "");
        var layerNode = chromeLayer();
        layerNode.insertBefore(this._bar, layerNode.firstChild);
        offsetSheet.replaceSync("body { padding-top: 52px; }");
        // Actions wrap under the title on a narrow screen: the page starts below the whole bar.
        var bar = this._bar;
        this._resize = new ResizeObserver(function () {
          offsetSheet.replaceSync("body { padding-top: " + bar.offsetHeight + "px; }");
        });
        this._resize.observe(bar);
      }
      this._observer = watch(this, this._draw.bind(this));
      this._draw();
    }
    disconnectedCallback() {
      if (this._observer) this._observer.disconnect();
      if (this._resize) this._resize.disconnect();
      if (this._bar) this._bar.remove();
      if (pageTitleBars.delete(this) && pageTitleBars.size === 0) {
        offsetSheet.replaceSync("");
        tellParent({ type: "title", title: "", actions: [] });
      }
    }
    static get observedAttributes() {
      return ["title"];
    }
    attributeChangedCallback() {
      if (pageTitleBars.has(this)) this._draw();
    }
    _draw() {
      var title = this.getAttribute("title") || "";
      this._buttons = actionButtons(this);
      if (title) document.title = title;
      tellParent({
        type: "title",
        title: title,
        actions: this._buttons.map(function (button) {
          return {
            label: (button.textContent || "").trim(),
            primary: button.getAttribute("variant") === "primary",
            breadcrumb: button.getAttribute("variant") === "breadcrumb",
            critical: button.getAttribute("tone") === "critical",
            disabled: Boolean(button.disabled || button.hasAttribute("loading")),
          };
        }),
      });
      var bar = this._bar;
      if (!bar) return;
      bar.textContent = "";
      var heading = element("h1", "", title);
      this._buttons.forEach(function (button) {
        var copy = mirrorButton(button);
        // A breadcrumb sits before the title, the actions after it.
        if (button.getAttribute("variant") === "breadcrumb") {
          copy.classList.add("abs-breadcrumb");
          copy.textContent += " ›";
          bar.insertBefore(copy, bar.contains(heading) ? heading : null);
        } else {
          if (!bar.contains(heading)) bar.appendChild(heading);
          bar.appendChild(copy);
        }
      });
      if (!bar.contains(heading)) bar.appendChild(heading);
    }
    clickAction(index) {
      var button = this._buttons && this._buttons[index];
      if (button) button.click();
    }
  }

  class SaveBarElement extends HTMLElement {
    constructor() {
      super();
      this._showing = false;
    }
    get showing() {
      return this._showing;
    }
    show() {
      if (this._showing) return Promise.resolve();
      this._showing = true;
      this._bar = element("div", "abs-savebar");
      this._bar.setAttribute("data-app-bridge-save-bar", "");
      this._bar.setAttribute("role", "region");
      chromeLayer().appendChild(this._bar);
      this._observer = watch(this, this._draw.bind(this));
      this._draw();
      this.dispatchEvent(new CustomEvent("show"));
      return Promise.resolve();
    }
    hide() {
      if (!this._showing) return Promise.resolve();
      this._showing = false;
      if (this._observer) this._observer.disconnect();
      if (this._bar) this._bar.remove();
      this.dispatchEvent(new CustomEvent("hide"));
      return Promise.resolve();
    }
    toggle() {
      return this._showing ? this.hide() : this.show();
    }
    disconnectedCallback() {
      this.hide();
    }
    _draw() {
      var bar = this._bar;
      bar.textContent = "";
      bar.appendChild(element("span", "", words.unsaved));
      var buttons = actionButtons(this);
      // Shopify draws Discard before Save whatever the markup order.
      buttons
        .filter(function (button) {
          return button.getAttribute("variant") !== "primary";
        })
        .forEach(function (button) {
          bar.appendChild(mirrorButton(button, words.discard));
        });
      buttons
        .filter(function (button) {
          return button.getAttribute("variant") === "primary";
        })
        .forEach(function (button) {
          bar.appendChild(mirrorButton(button, words.save));
        });
    }
  }

  class ModalElement extends HTMLElement {
    constructor() {
      super();
      // App Bridge React portals the modal's content into this node; the stub shows it in its dialog.
      this.content = document.createElement("div");
      this.content.className = "abs-content";
      this._open = false;
    }
    get open() {
      return this._open;
    }
    show() {
      if (this._open) return Promise.resolve();
      this._open = true;
      this._backdrop = element("div", "abs-backdrop");
      this._backdrop.addEventListener("click", (event) => {
        if (event.target === this._backdrop) this.hide();
      });
      this._dialog = element("div", "abs-dialog");
      this._dialog.setAttribute("role", "dialog");
      this._dialog.setAttribute("aria-modal", "true");
      if (this.getAttribute("variant") === "large" || this.getAttribute("variant") === "max") {
        this._dialog.classList.add("abs-large");
      }
      this._header = element("header");
      this._footer = element("footer");
      this._dialog.appendChild(this._header);
      this._dialog.appendChild(this.content);
      this._dialog.appendChild(this._footer);
      this._backdrop.appendChild(this._dialog);
      chromeLayer().appendChild(this._backdrop);
      this._observer = watch(this, this._draw.bind(this));
      this._draw();
      this.dispatchEvent(new CustomEvent("show"));
      return Promise.resolve();
    }
    hide() {
      if (!this._open) return Promise.resolve();
      this._open = false;
      if (this._observer) this._observer.disconnect();
      if (this._backdrop) this._backdrop.remove();
      this.dispatchEvent(new CustomEvent("hide"));
      return Promise.resolve();
    }
    toggle() {
      return this._open ? this.hide() : this.show();
    }
    disconnectedCallback() {
      this.hide();
    }
    _draw() {
      var titleBar = this.querySelector("ui-title-bar");
      this._dialog.setAttribute("aria-label", (titleBar && titleBar.getAttribute("title")) || "");
      this._header.textContent = "";
      this._header.appendChild(element("h2", "", (titleBar && titleBar.getAttribute("title")) || ""));
      var close = element("button", "", "×");
      close.type = "button";
      close.setAttribute("aria-label", words.close);
      close.addEventListener("click", () => this.hide());
      this._header.appendChild(close);
      this._footer.textContent = "";
      if (titleBar) {
        var buttons = actionButtons(titleBar);
        // Secondary actions first, the primary action last, as Shopify lays out a modal's footer.
        buttons
          .filter(function (button) {
            return button.getAttribute("variant") !== "primary";
          })
          .concat(
            buttons.filter(function (button) {
              return button.getAttribute("variant") === "primary";
            }),
          )
          .forEach((button) => this._footer.appendChild(mirrorButton(button)));
      }
    }
  }

  function define(name, constructor) {
    if (!window.customElements.get(name)) window.customElements.define(name, constructor);
  }
  define("ui-nav-menu", NavMenuElement);
  define("ui-title-bar", TitleBarElement);
  define("ui-save-bar", SaveBarElement);
  define("ui-modal", ModalElement);

  // ---------------------------------------------------------------------------------------------
  // window.shopify
  var toastCount = 0;
  function toastLayer() {
    var existing = chromeLayer().querySelector(".abs-toasts");
    if (existing) return existing;
    var node = element("div", "abs-toasts");
    node.setAttribute("role", "status");
    node.setAttribute("aria-live", "polite");
    chromeLayer().appendChild(node);
    return node;
  }
  var toasts = {};
  var loadingBar = null;

  function byId(tag, id) {
    var node = document.getElementById(id);
    if (!node || node.tagName.toLowerCase() !== tag) throw new Error("App Bridge stub: no <" + tag + "> with id " + id);
    return node;
  }

  window.shopify = {
    config: config,
    origin: "https://admin.shopify.com",
    environment: { embedded: true, mobile: false, pos: false },
    idToken: freshToken,
    toast: {
      show: function (message, options) {
        options = options || {};
        var id = "toast-" + ++toastCount;
        var node = element("div", "abs-toast" + (options.isError ? " abs-error" : ""));
        node.setAttribute("data-app-bridge-toast", "");
        node.appendChild(element("span", "", String(message)));
        if (options.action && typeof options.onAction === "function") {
          var action = element("button", "", options.action);
          action.type = "button";
          action.addEventListener("click", options.onAction);
          node.appendChild(action);
        }
        toastLayer().appendChild(node);
        toasts[id] = {
          node: node,
          timer: window.setTimeout(function () {
            window.shopify.toast.hide(id);
          }, options.duration || 5000),
          onDismiss: options.onDismiss,
        };
        return id;
      },
      hide: function (id) {
        var toast = toasts[id];
        if (!toast) return;
        delete toasts[id];
        window.clearTimeout(toast.timer);
        toast.node.remove();
        if (typeof toast.onDismiss === "function") toast.onDismiss();
      },
    },
    loading: function (isLoading) {
      var on = isLoading === undefined ? true : Boolean(isLoading);
      if (on && !loadingBar) {
        loadingBar = element("div", "abs-loading");
        loadingBar.setAttribute("data-app-bridge-loading", "");
        chromeLayer().appendChild(loadingBar);
      } else if (!on && loadingBar) {
        loadingBar.remove();
        loadingBar = null;
      }
    },
    saveBar: {
      show: function (id) {
        return byId("ui-save-bar", id).show();
      },
      hide: function (id) {
        return byId("ui-save-bar", id).hide();
      },
      toggle: function (id) {
        return byId("ui-save-bar", id).toggle();
      },
      // As documented: resolves at once when no save bar is showing; otherwise Shopify asks, and the
      // promise resolves only if the merchant chooses to leave (staying leaves it pending).
      leaveConfirmation: function () {
        var showing = Array.prototype.some.call(document.querySelectorAll("ui-save-bar"), function (bar) {
          return bar.showing;
        });
        if (!showing) return Promise.resolve();
        return new Promise(function (resolve) {
          var existing = document.querySelector("[data-app-bridge-leave-confirmation]");
          if (existing) existing.remove();
          var backdrop = element("div", "abs-backdrop");
          backdrop.setAttribute("data-app-bridge-leave-confirmation", "");
          var dialog = element("div", "abs-dialog");
          dialog.setAttribute("role", "alertdialog");
          dialog.setAttribute("aria-modal", "true");
          dialog.setAttribute("aria-label", words.leaveTitle);
          var header = element("header");
          header.appendChild(element("h2", "", words.leaveTitle));
          var body = element("div", "abs-content", words.leaveBody);
          var footer = element("footer");
          var stay = element("button", "abs-button", words.stay);
          stay.type = "button";
          stay.addEventListener("click", function () {
            backdrop.remove();
          });
          var leave = element("button", "abs-button abs-critical", words.leave);
          leave.type = "button";
          leave.addEventListener("click", function () {
            backdrop.remove();
            resolve();
          });
          footer.appendChild(stay);
          footer.appendChild(leave);
          dialog.appendChild(header);
          dialog.appendChild(body);
          dialog.appendChild(footer);
          backdrop.appendChild(dialog);
          chromeLayer().appendChild(backdrop);
        });
      },
    },
    modal: {
      show: function (id) {
        return byId("ui-modal", id).show();
      },
      hide: function (id) {
        return byId("ui-modal", id).hide();
      },
      toggle: function (id) {
        return byId("ui-modal", id).toggle();
      },
    },
  };

  // ---------------------------------------------------------------------------------------------
  // The bounce page: the library sends a document request without a valid token here
  // (/auth/session-token?shopify-reload=<url>); App Bridge comes back with a fresh id_token.
  var reload = params.get("shopify-reload");
  if (reload) {
    freshToken().then(function (token) {
      var target = new URL(reload, window.location.href);
      if (target.origin !== window.location.origin) throw new Error("App Bridge stub: refusing to reload to another origin");
      target.searchParams.set("id_token", token);
      window.location.replace(target.href);
    });
  }

  tellParent({ type: "ready", path: currentPath(), config: { shop: config.shop, locale: config.locale } });
})();
