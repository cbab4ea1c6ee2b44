// Runs one built UI extension (extensions/*/dist/<handle>.js, as Shopify CLI bundles it) in the
// sandbox the way Shopify's host runs it: the bundle calls shopify.extend(target, render) and
// renders Polaris web components into document.body. This page plays Shopify's part: the
// `shopify` global of the surface (admin: data, auth.idToken, i18n, navigation, close, toast,
// query; customer account: sessionToken, i18n, localization, toast, query, and the global
// `navigation`), the extension's locale file, and small stand-ins for the Polaris web components
// the extensions use. Each extension gets its own frame, as on Shopify; the frame tells its parent
// its height and what the extension asked for (navigate, close, toast).
// Test hooks: window.__uiHost.calls lists every API call; window.__uiHost.missing the keys the
// extension asked to translate that its locale file lacks.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("ui-host-config").textContent);
  const calls = [];
  const missing = [];
  window.__uiHost = { calls, missing, ready: false, config };
  const tell = (message) => window.parent !== window && window.parent.postMessage({ source: "ui-host", frame: config.frame, ...message }, location.origin);
  const record = (name, detail) => calls.push({ name, ...(detail === undefined ? {} : { detail }) });

  // ---- i18n, as Shopify's: {{name}} replacements, `count` picks the plural form, nested keys ----
  let messages = {};
  function lookup(key) {
    return key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), messages);
  }
  function translate(key, options) {
    record("i18n.translate", key);
    let value = lookup(key);
    if (value && typeof value === "object" && options && typeof options.count === "number") {
      const form = new Intl.PluralRules(config.locale).select(options.count);
      value = value[form] ?? value.other;
    }
    if (typeof value !== "string") {
      missing.push(key);
      return key;
    }
    return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => (options && name in options ? String(options[name]) : whole));
  }
  const i18n = {
    translate,
    formatDate: (date, options = {}) => {
      const { inExtensionLocale: _ignored, ...rest } = options;
      return new Intl.DateTimeFormat(config.locale, rest).format(date);
    },
    formatNumber: (number, options = {}) => new Intl.NumberFormat(config.locale, options).format(number),
    formatCurrency: (number, options = {}) => new Intl.NumberFormat(config.locale, { style: "currency", currency: "JPY", ...options }).format(number),
  };
  const signal = (value) => ({ value, subscribe: (callback) => (callback(value), () => undefined) });

  // ---- network: the session token the surface gives, and the app's URL as the sandbox serves it ----
  const nativeFetch = window.fetch.bind(window);
  window.fetch = (input, init = {}) => {
    let url = typeof input === "string" ? input : input.url;
    if (config.appUrl && url.startsWith(config.appUrl)) url = location.origin + url.slice(config.appUrl.length);
    const headers = new Headers(init.headers || {});
    record("fetch", { url: new URL(url, location.href).pathname, method: (init.method || "GET").toUpperCase(), authorization: headers.get("authorization") ? "Bearer" : null });
    return nativeFetch(url, init);
  };
  const fetchToken = async (path) => {
    const answer = await nativeFetch(path, { cache: "no-store" });
    return answer.ok ? (await answer.json()).token : null;
  };
  const query = async (text, options = {}) => {
    record("query", text.replace(/\s+/g, " ").slice(0, 80));
    const answer = await nativeFetch(`/sandbox/graphql?surface=${config.surface}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: text, variables: options.variables || {} }),
    });
    return answer.json();
  };
  const toast = { show: (message) => (record("toast.show", message), tell({ type: "toast", message })) };
  const navigate = (url) => (record("navigate", String(url)), tell({ type: "navigate", url: String(url) }));

  let renderExtension = null;
  const extend = (target, callback) => {
    record("extend", target);
    if (target === config.target) renderExtension = callback;
  };

  if (config.surface === "admin") {
    window.shopify = {
      extension: { target: config.target },
      data: { selected: config.customerId ? [{ id: `gid://shopify/Customer/${config.customerId}` }] : [] },
      auth: { idToken: async () => (record("auth.idToken"), fetchToken(`/sandbox/session-token?shop=${encodeURIComponent(config.shop)}`)) },
      i18n,
      intents: { launch: async () => undefined },
      storage: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
      query,
      toast,
      navigation: { navigate },
      close: () => (record("close"), tell({ type: "close" })),
      extend,
    };
  } else {
    window.shopify = {
      extension: { target: config.target, editor: undefined },
      authenticatedAccount: { customer: signal(config.customerId ? { id: `gid://shopify/Customer/${config.customerId}` } : undefined) },
      localization: { language: signal({ isoCode: config.locale }), extensionLanguage: signal({ isoCode: config.locale }), country: signal({ isoCode: "JP" }) },
      sessionToken: {
        get: async () => (record("sessionToken.get"), fetchToken(`/sandbox/customer-account-token?customer=${encodeURIComponent(config.customerId || "")}`)),
      },
      i18n,
      storage: { read: async () => null, write: async () => undefined, delete: async () => undefined },
      settings: signal({}),
      toast,
      query,
      extend,
    };
    // Customer account extensions navigate with the global Navigation API.
    Object.defineProperty(window, "navigation", { configurable: true, value: { navigate, currentEntry: { url: location.href, key: "0", getState: () => undefined } } });
  }

  // ---- Polaris web components, as small stand-ins drawn in the surface's style ----
  const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif';
  const TONES = {
    info: ["#e0f0ff", "#00527c"],
    success: ["#cdfee1", "#0c5132"],
    warning: ["#fff1e3", "#5e4200"],
    critical: ["#fee9e8", "#8e1f0b"],
    neutral: ["#e3e3e3", "#303030"],
    auto: ["#eaf4ff", "#00527c"],
  };
  const GAPS = { none: "0", "small-300": "2px", "small-200": "4px", "small-100": "6px", small: "8px", base: "12px", large: "20px", "large-100": "24px" };

  function define(name, render, options = {}) {
    if (customElements.get(name)) return;
    customElements.define(
      name,
      class extends HTMLElement {
        static get observedAttributes() {
          return options.attributes || [];
        }
        connectedCallback() {
          if (!this.shadowRoot) {
            this.attachShadow({ mode: "open" });
            options.setup?.(this);
          }
          this.update();
        }
        attributeChangedCallback() {
          if (this.shadowRoot) this.update();
        }
        update() {
          render(this, this.shadowRoot);
        }
      },
    );
  }
  // Preact sets a property when the element has it, else an attribute; these read either.
  const prop = (element, name) => (element[`_${name}`] !== undefined ? element[`_${name}`] : element.getAttribute(name));
  // A property Preact removes is set to "" (off); an attribute that is present but empty is on.
  const flag = (element, name) => {
    const own = element[`_${name}`];
    if (own !== undefined) return own === true || own === "true";
    const attribute = element.getAttribute(name);
    return attribute === "" || attribute === "true";
  };
  function reflect(name, properties) {
    const constructor = customElements.get(name);
    for (const property of properties) {
      Object.defineProperty(constructor.prototype, property, {
        configurable: true,
        get() {
          return this[`_${property}`];
        },
        set(value) {
          this[`_${property}`] = value;
          if (this.shadowRoot) this.update();
        },
      });
    }
  }
  const styled = (css, html) => `<style>:host{font-family:${FONT};color:#303030}${css}</style>${html}`;
  const once = (root, html) => {
    if (root.__drawn !== html) {
      root.innerHTML = html;
      root.__drawn = html;
    }
  };

  define("s-admin-block", (el, root) =>
    once(root, styled(`.card{background:#fff;border-radius:12px;box-shadow:0 1px 0 #1a1a1a12,0 0 0 1px #e3e3e3;padding:16px}h2{margin:0 0 12px;font-size:14px;font-weight:650}`, `<div class="card"><h2>${esc(prop(el, "heading") || "")}</h2><slot></slot></div>`)),
    { attributes: ["heading"] },
  );
  define("s-admin-action", (el, root) =>
    once(
      root,
      styled(
        `.head{padding:14px 16px;border-bottom:1px solid #e3e3e3;font-weight:650;font-size:15px}.body{padding:16px}.foot{display:flex;justify-content:flex-end;gap:8px;padding:12px 16px;border-top:1px solid #e3e3e3;background:#f7f7f7;border-radius:0 0 12px 12px}`,
        `<div class="head">${esc(prop(el, "heading") || "")}</div><div class="body"><slot></slot></div><div class="foot"><slot name="secondary-actions"></slot><slot name="primary-action"></slot></div>`,
      ),
    ),
    { attributes: ["heading"] },
  );
  define("s-page", (el, root) =>
    once(
      root,
      styled(`:host{display:block}h1{margin:0;font-size:24px;font-weight:700;letter-spacing:.01em}.sub{margin:4px 0 20px;color:#616161}`, `<h1>${esc(prop(el, "heading") || "")}</h1>${prop(el, "subheading") ? `<p class="sub">${esc(prop(el, "subheading"))}</p>` : '<div style="height:16px"></div>'}<slot></slot>`),
    ),
    { attributes: ["heading", "subheading"] },
  );
  define("s-section", (el, root) =>
    once(
      root,
      styled(`:host{display:block}.card{background:#fff;border:1px solid #e1e1e1;border-radius:12px;padding:20px}h2{margin:0 0 12px;font-size:17px;font-weight:650}`, `<div class="card">${prop(el, "heading") ? `<h2>${esc(prop(el, "heading"))}</h2>` : ""}<slot></slot></div>`),
    ),
    { attributes: ["heading"] },
  );
  define(
    "s-stack",
    (el, root) => {
      const inline = prop(el, "direction") === "inline";
      const gap = GAPS[prop(el, "gap")] ?? GAPS.base;
      const align = { center: "center", start: "flex-start", end: "flex-end" }[prop(el, "alignItems") || prop(el, "alignitems")] || (inline ? "center" : "stretch");
      const justify = { "space-between": "space-between", end: "flex-end", center: "center" }[prop(el, "justifyContent") || prop(el, "justifycontent")] || "flex-start";
      once(root, styled(`:host{display:flex;flex-direction:${inline ? "row" : "column"};flex-wrap:${inline ? "wrap" : "nowrap"};gap:${gap};align-items:${align};justify-content:${justify};min-width:0}`, "<slot></slot>"));
    },
    { attributes: ["direction", "gap", "alignitems", "justifycontent"] },
  );
  reflect("s-stack", ["direction", "gap", "alignItems", "justifyContent"]);
  define("s-heading", (_el, root) => once(root, styled(`:host{display:block;font-weight:650;font-size:14px}`, "<slot></slot>")));
  define(
    "s-text",
    (el, root) => once(root, styled(`:host{display:inline;${prop(el, "color") === "subdued" ? "color:#616161" : ""}}`, "<slot></slot>")),
    { attributes: ["color"] },
  );
  reflect("s-text", ["color"]);
  define("s-paragraph", (_el, root) => once(root, styled(`:host{display:block;margin:0;line-height:1.6}`, "<slot></slot>")));
  define("s-divider", (_el, root) => once(root, styled(`:host{display:block;border-top:1px solid #e3e3e3;margin:4px 0}`, "")));
  define(
    "s-badge",
    (el, root) => {
      const [background, color] = TONES[prop(el, "tone")] || TONES.neutral;
      once(root, styled(`:host{display:inline-flex}span{display:inline-block;padding:2px 8px;border-radius:8px;background:${background};color:${color};font-size:12px;font-weight:550;white-space:nowrap}`, "<span><slot></slot></span>"));
    },
    { attributes: ["tone"] },
  );
  reflect("s-badge", ["tone"]);
  define(
    "s-banner",
    (el, root) => {
      const [background, color] = TONES[prop(el, "tone")] || TONES.info;
      const heading = prop(el, "heading");
      once(root, styled(`:host{display:block}div{padding:12px 14px;border-radius:10px;background:${background};color:${color};line-height:1.55}strong{display:block;margin-bottom:2px}`, `<div role="status">${heading ? `<strong>${esc(heading)}</strong>` : ""}<slot></slot></div>`));
    },
    { attributes: ["tone", "heading"] },
  );
  reflect("s-banner", ["tone", "heading"]);
  define("s-spinner", (_el, root) =>
    once(root, styled(`:host{display:inline-block;width:16px;height:16px}i{display:block;width:14px;height:14px;border:2px solid #c9cccf;border-top-color:#303030;border-radius:50%;animation:r .8s linear infinite}@keyframes r{to{transform:rotate(360deg)}}`, "<i></i>")),
  );

  function follow(href, target) {
    if (!href) return;
    if (/^https?:/.test(href) && !href.startsWith(location.origin + "/sandbox")) {
      record("open", href);
      window.open(href, target === "_blank" ? "_blank" : "_top");
    } else navigate(href);
  }
  define(
    "s-link",
    (el, root) => once(root, styled(`a{color:#005bd3;text-decoration:underline;text-underline-offset:2px;cursor:pointer}`, `<a part="link" href="#"><slot></slot></a>`)),
    {
      attributes: ["href"],
      setup: (el) =>
        el.shadowRoot.addEventListener("click", (event) => {
          event.preventDefault();
          setTimeout(() => follow(prop(el, "href"), prop(el, "target")));
        }),
    },
  );
  reflect("s-link", ["href", "target"]);
  define(
    "s-button",
    (el, root) => {
      const variant = prop(el, "variant") || "secondary";
      const loading = flag(el, "loading");
      const disabled = flag(el, "disabled") || loading;
      const look =
        variant === "primary"
          ? "background:#303030;color:#fff;border-color:#303030"
          : variant === "tertiary"
            ? "background:transparent;border-color:transparent;color:#303030"
            : "background:#fff;color:#303030;border-color:#c9cccf";
      once(
        root,
        styled(
          `:host{display:inline-flex}button{font:inherit;font-weight:550;padding:6px 14px;border-radius:8px;border:1px solid;${look};cursor:pointer;min-height:32px}button[disabled]{opacity:.55;cursor:default}`,
          `<button type="button"${disabled ? " disabled" : ""}>${loading ? "… " : ""}<slot></slot></button>`,
        ),
      );
    },
    {
      attributes: ["variant", "loading", "disabled", "href"],
      setup: (el) =>
        el.shadowRoot.addEventListener("click", (event) => {
          if (flag(el, "disabled") || flag(el, "loading")) event.stopPropagation();
          else if (prop(el, "href")) setTimeout(() => follow(prop(el, "href"), prop(el, "target")));
        }),
    },
  );
  reflect("s-button", ["variant", "loading", "disabled", "href", "target"]);

  const FIELD = `label{display:block;font-weight:550;margin-bottom:4px}select,textarea{width:100%;font:inherit;padding:7px 10px;border:1px solid #8a8a8a;border-radius:8px;background:#fff;color:#303030;box-sizing:border-box}.help{color:#616161;font-size:12px;margin-top:4px}`;
  define(
    "s-select",
    (el, root) => {
      const options = [...el.querySelectorAll("s-option")].map((option) => [option.getAttribute("value") ?? option._value ?? "", option.textContent]);
      const value = el._value ?? el.getAttribute("value") ?? options[0]?.[0] ?? "";
      const html = styled(
        `:host{display:block}${FIELD}`,
        `<label for="f">${esc(prop(el, "label") || "")}</label><select id="f">${options.map(([v, text]) => `<option value="${esc(v)}"${v === value ? " selected" : ""}>${esc(text)}</option>`).join("")}</select>`,
      );
      once(root, html);
      root.querySelector("select").value = value;
    },
    {
      attributes: ["label", "value"],
      setup: (el) => {
        new MutationObserver(() => el.update()).observe(el, { childList: true, subtree: true, characterData: true });
        el.shadowRoot.addEventListener("change", (event) => {
          event.stopPropagation();
          el._value = event.target.value;
          el.dispatchEvent(new Event("change"));
        });
      },
    },
  );
  reflect("s-select", ["label", "name"]);
  Object.defineProperty(customElements.get("s-select").prototype, "value", {
    get() {
      return this._value ?? this.getAttribute("value") ?? "";
    },
    set(value) {
      this._value = value;
      if (this.shadowRoot) this.update();
    },
  });
  define("s-option", (_el, root) => once(root, ""), { attributes: ["value"] });
  define(
    "s-text-area",
    (el, root) => {
      const help = prop(el, "details");
      once(root, styled(`:host{display:block}${FIELD}`, `<label for="f">${esc(prop(el, "label") || "")}</label><textarea id="f" rows="${Number(prop(el, "rows")) || 3}" maxlength="${Number(prop(el, "maxLength") || prop(el, "maxlength")) || 100000}"></textarea>${help ? `<div class="help">${esc(help)}</div>` : ""}`));
      const area = root.querySelector("textarea");
      if (area.value !== (el._value ?? "")) area.value = el._value ?? "";
    },
    {
      attributes: ["label", "rows", "maxlength", "details"],
      setup: (el) =>
        el.shadowRoot.addEventListener("input", (event) => {
          el._value = event.target.value;
        }),
    },
  );
  reflect("s-text-area", ["label", "rows", "maxLength", "details", "name"]);
  Object.defineProperty(customElements.get("s-text-area").prototype, "value", {
    get() {
      return this._value ?? "";
    },
    set(value) {
      this._value = value;
      if (this.shadowRoot) this.update();
    },
  });
  define(
    "s-checkbox",
    (el, root) => {
      once(root, styled(`:host{display:block}label{display:flex;gap:8px;align-items:center;cursor:pointer}input{width:18px;height:18px;accent-color:#303030}`, `<label><input type="checkbox"><span>${esc(prop(el, "label") || "")}</span></label>`));
      const box = root.querySelector("input");
      box.checked = flag(el, "checked");
      box.disabled = flag(el, "disabled");
    },
    {
      attributes: ["label", "checked", "disabled"],
      setup: (el) =>
        el.shadowRoot.addEventListener("change", (event) => {
          event.stopPropagation();
          el._checked = event.target.checked;
          el.dispatchEvent(new Event("change"));
        }),
    },
  );
  reflect("s-checkbox", ["label", "checked", "disabled"]);

  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // ---- size reporting, then load the locale and the bundle, and render ----
  new ResizeObserver(() => tell({ type: "resize", height: Math.ceil(document.documentElement.scrollHeight) })).observe(document.body);
  (async () => {
    const answer = await nativeFetch(config.localesUrl, { cache: "no-store" });
    messages = answer.ok ? await answer.json() : {};
    const script = document.createElement("script");
    script.src = config.bundleUrl;
    script.onload = async () => {
      if (!renderExtension) throw new Error(`the bundle did not extend ${config.target}`);
      await renderExtension(window.shopify);
      window.__uiHost.ready = true;
    };
    document.head.appendChild(script);
  })();
})();
