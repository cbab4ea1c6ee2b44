// Consent banner: asks through Shopify's Customer Privacy API only where the visitor's region
// requires it, stores the choice with Shopify, then records it in the app through the App Proxy.
(function () {
  var banner = document.querySelector("[data-pd-consent]");
  if (!banner || !window.Shopify || !window.Shopify.loadFeatures) return;

  function record(choice) {
    var body = JSON.stringify({
      analytics: choice.analytics,
      marketing: choice.marketing,
      preferences: choice.preferences,
      sale_of_data: choice.sale_of_data,
      policy_version: banner.getAttribute("data-policy-version") || null,
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
      record(choice);
    });
  }

  window.Shopify.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], function (error) {
    var privacy = window.Shopify.customerPrivacy;
    if (error || !privacy || !privacy.shouldShowBanner()) return;
    var current = privacy.currentVisitorConsent() || {};
    var form = banner.querySelector("form");
    ["analytics", "marketing", "preferences"].forEach(function (name) {
      form.elements[name].checked = current[name] === "yes";
    });
    banner.addEventListener("click", function (event) {
      var button = event.target.closest("[data-pd-choice]");
      if (button) choose(privacy, button.getAttribute("data-pd-choice"));
    });
    banner.hidden = false;
  });
})();
