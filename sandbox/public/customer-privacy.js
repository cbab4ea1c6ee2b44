// Stand-in for Shopify's Customer Privacy API on the sandbox storefront (a real online store gets
// window.Shopify.loadFeatures and customerPrivacy from Shopify). It answers as Shopify documents:
// loadFeatures calls back asynchronously with no error; currentVisitorConsent() gives each purpose
// as "yes", "no" or "" (not chosen yet); shouldShowBanner() is true only where the shop asks for
// consent in the visitor's region and the visitor has not chosen yet; setTrackingConsent() takes
// booleans, keeps the choice for a year (here in a cookie of the sandbox's own) and calls back.
// The region comes from the storefront toolbar (data-region on this script tag).
(function () {
  "use strict";
  // A test or benchmark that brings its own stand-in keeps it.
  if (window.Shopify && window.Shopify.loadFeatures) return;

  var COOKIE = "sbx_tracking_consent";
  var PURPOSES = ["analytics", "marketing", "preferences", "sale_of_data"];
  var script = document.currentScript;
  var region = (script && script.getAttribute("data-region")) || "DE";
  // The demo shop asks for consent where the GDPR applies (set in Shopify admin on a real shop).
  var consentRegions = ((script && script.getAttribute("data-consent-regions")) || "").split(",");
  var consentRequired = consentRegions.indexOf(region) !== -1;

  function stored() {
    var match = document.cookie.match(new RegExp("(?:^|; )" + COOKIE + "=([^;]*)"));
    if (!match) return {};
    try {
      var value = JSON.parse(decodeURIComponent(match[1]));
      return value && typeof value === "object" ? value : {};
    } catch {
      return {};
    }
  }

  function currentVisitorConsent() {
    var saved = stored();
    var consent = {};
    PURPOSES.forEach(function (purpose) {
      consent[purpose] = saved[purpose] === "yes" || saved[purpose] === "no" ? saved[purpose] : "";
    });
    return consent;
  }

  // Where consent is required, nothing is allowed until the visitor says yes; elsewhere it is
  // allowed until they say no.
  function allowed(purpose) {
    var value = currentVisitorConsent()[purpose];
    return consentRequired ? value === "yes" : value !== "no";
  }

  function setTrackingConsent(consent, callback) {
    var done = typeof callback === "function" ? callback : function () {};
    if (!consent || typeof consent !== "object") {
      setTimeout(function () { done({ error: "setTrackingConsent expects an object of booleans" }); }, 0);
      return;
    }
    var next = currentVisitorConsent();
    for (var i = 0; i < PURPOSES.length; i++) {
      var value = consent[PURPOSES[i]];
      if (value === undefined) continue;
      if (typeof value !== "boolean") {
        setTimeout(function () { done({ error: "consent values must be booleans" }); }, 0);
        return;
      }
      next[PURPOSES[i]] = value ? "yes" : "no";
    }
    document.cookie = COOKIE + "=" + encodeURIComponent(JSON.stringify(next)) + "; Path=/; Max-Age=31536000; SameSite=Lax";
    setTimeout(function () {
      document.dispatchEvent(
        new CustomEvent("visitorConsentCollected", {
          detail: {
            analyticsAllowed: allowed("analytics"),
            marketingAllowed: allowed("marketing"),
            firstPartyMarketingAllowed: allowed("marketing"),
            thirdPartyMarketingAllowed: allowed("marketing"),
            preferencesAllowed: allowed("preferences"),
            saleOfDataAllowed: allowed("sale_of_data"),
          },
        }),
      );
      done({});
    }, 0);
  }

  var customerPrivacy = {
    currentVisitorConsent: currentVisitorConsent,
    shouldShowBanner: function () {
      if (!consentRequired) return false;
      var consent = currentVisitorConsent();
      return PURPOSES.some(function (purpose) { return consent[purpose] === ""; });
    },
    setTrackingConsent: setTrackingConsent,
    getRegion: function () { return region; },
    analyticsProcessingAllowed: function () { return allowed("analytics"); },
    marketingAllowed: function () { return allowed("marketing"); },
    preferencesProcessingAllowed: function () { return allowed("preferences"); },
    saleOfDataAllowed: function () { return allowed("sale_of_data"); },
  };

  window.Shopify = window.Shopify || {};
  window.Shopify.loadFeatures = function (features, callback) {
    var known = Array.isArray(features) && features.every(function (feature) {
      return feature && feature.name === "consent-tracking-api";
    });
    setTimeout(function () {
      if (!known) return callback(new Error("unknown feature"));
      window.Shopify.customerPrivacy = customerPrivacy;
      callback();
    }, 0);
  };
})();
