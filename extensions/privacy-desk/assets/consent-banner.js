// Consent banner: asks through Shopify's Customer Privacy API only where the visitor's region
// requires it, stores the choice with Shopify, then records it in the app through the App Proxy.
// Any link to #privacy-desk-consent (the merchant puts one in the footer) opens it again with the
// current choice, so changing or withdrawing it takes the same one click as giving it.
(function () {
  var banner = document.querySelector("[data-pd-consent]");
  if (!banner || !window.Shopify || !window.Shopify.loadFeatures) return;

  // A random id for this browser, made at the first choice and kept in localStorage, so the app can
  // record an anonymous visitor's choice under a pseudonym (it stores only a keyed hash of it). Where
  // storage is blocked there is no id, and the choice stays with Shopify alone.
  var ID_KEY = "privacy-desk-visitor";
  function uuid() {
    var c = window.crypto;
    if (c.randomUUID) return c.randomUUID();
    var b = c.getRandomValues(new Uint8Array(16)), id = "";
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) id += (i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "") + (b[i] + 256).toString(16).slice(1);
    return id;
  }
  function visitorId() {
    try {
      var id = localStorage.getItem(ID_KEY);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) localStorage.setItem(ID_KEY, (id = uuid()));
      return id;
    } catch {
      return null;
    }
  }

  function record(choice) {
    var body = JSON.stringify({
      analytics: choice.analytics,
      marketing: choice.marketing,
      preferences: choice.preferences,
      sale_of_data: choice.sale_of_data,
      policy_version: banner.getAttribute("data-policy-version") || null,
      visitor_id: visitorId(),
    });
    try {
      fetch("/apps/privacy/consent", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: body,
        keepalive: true,
      }).catch(function () {});
    } catch {
      // Recording in the app is best effort; Shopify already holds the visitor's choice.
    }
  }

  function choose(privacy, mode) {
    var form = banner.querySelector("form");
    var pick = function (name) {
      return mode === "all" ? true : mode === "none" ? false : form.elements[name].checked;
    };
    var choice = { analytics: pick("analytics"), marketing: pick("marketing"), preferences: pick("preferences") };
    choice.sale_of_data = choice.marketing;
    privacy.setTrackingConsent(choice, function (result) {
      if (result && result.error) return;
      banner.hidden = true;
      reserve();
      record(choice);
      if (opener) opener.focus();
    });
  }

  // While the bar is open the page ends above it, so the last of the page (a form's button, the
  // footer with the policy link) can still be scrolled into view and reached: an empty block of
  // the bar's height at the end of the body (padding would not help where a theme fixes the body's height).
  var spacer = document.createElement("div");
  spacer.setAttribute("aria-hidden", "true");
  function reserve() {
    if (banner.hidden) return spacer.remove();
    spacer.style.height = banner.offsetHeight + "px";
    document.body.appendChild(spacer);
  }
  window.addEventListener("resize", reserve);

  var opener = null;
  function show(privacy, reopened) {
    var current = privacy.currentVisitorConsent() || {};
    var form = banner.querySelector("form");
    ["analytics", "marketing", "preferences"].forEach(function (name) {
      form.elements[name].checked = current[name] === "yes";
    });
    banner.querySelector("[data-pd-close]").hidden = !reopened;
    banner.hidden = false;
    reserve();
    if (reopened) form.elements.analytics.focus();
  }

  window.Shopify.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], function (error) {
    var privacy = window.Shopify.customerPrivacy;
    if (error || !privacy) return;
    banner.addEventListener("click", function (event) {
      var button = event.target.closest("[data-pd-choice]");
      if (button) choose(privacy, button.getAttribute("data-pd-choice"));
      if (event.target.closest("[data-pd-close]")) {
        banner.hidden = true;
        reserve();
        if (opener) opener.focus();
      }
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href$="#privacy-desk-consent"]');
      if (!link) return;
      event.preventDefault();
      opener = link;
      show(privacy, true);
    });
    if (privacy.shouldShowBanner()) show(privacy, false);
  });
})();
