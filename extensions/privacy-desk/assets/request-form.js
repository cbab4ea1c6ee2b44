// Progressive enhancement of the privacy request form: without this file the form is a plain POST.
(function () {
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  function show(form, errors) {
    var first = null;
    form.querySelectorAll("[data-pd-error]").forEach(function (slot) {
      var name = slot.getAttribute("data-pd-error");
      var message = errors[name] || "";
      slot.textContent = message;
      var field = form.elements[name];
      if (field && field.setAttribute) {
        if (message) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
      }
      if (message && !first) first = field && field.focus ? field : slot;
    });
    return first;
  }

  function validate(form) {
    var d = form.dataset;
    var errors = {};
    ["type", "name", "email"].forEach(function (name) {
      if (!form.elements[name].value.trim()) errors[name] = d.msgRequired;
    });
    var email = form.elements.email.value.trim();
    if (email && !EMAIL.test(email)) errors.email = d.msgEmail;
    if (form.elements.is_agent.checked) {
      ["agent_name", "agent_relationship"].forEach(function (name) {
        if (!form.elements[name].value.trim()) errors[name] = d.msgRequired;
      });
    }
    if (!form.elements.consent.checked) errors.consent = d.msgConsent;
    return errors;
  }

  function done(form, reference, statusUrl) {
    var root = form.closest("[data-pd-root]");
    var box = root.querySelector("[data-pd-done]");
    box.querySelector("[data-pd-reference]").textContent = reference;
    var link = box.querySelector("[data-pd-status-link]");
    // The app's status link carries the request's own token; a repeated submission gets the look-up form.
    var token = /^\/apps\/privacy\/requests\/status\?token=[\w-]+$/.test(statusUrl || "");
    link.href = token ? statusUrl : link.getAttribute("href").split("?")[0] + "?reference=" + encodeURIComponent(reference);
    // The confirmation takes the form's place (heading included), not a line under it.
    root.querySelector("[data-pd-entry]").hidden = true;
    box.hidden = false;
    // Centred, so neither a sticky header nor a cookie bar at the foot of the screen covers it.
    box.scrollIntoView({ block: "center" });
    box.focus({ preventScroll: true });
  }

  function submit(form) {
    var summary = form.querySelector("[data-pd-summary]");
    var button = form.querySelector("[type=submit]");
    summary.textContent = "";
    var first = show(form, validate(form));
    if (first) return first.focus();
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      headers: { Accept: "application/json" },
      body: new URLSearchParams(new FormData(form)),
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (answer) {
        var body = answer.body || {};
        if (body.reference) return done(form, body.reference, body.statusUrl);
        var target = show(form, body.errors || {});
        summary.textContent = body.message || (answer.status === 429 ? form.dataset.msgBusy : form.dataset.msgFailed);
        if (target) return target.focus();
        summary.setAttribute("tabindex", "-1");
        summary.focus();
      })
      .catch(function () {
        summary.textContent = form.dataset.msgFailed;
      })
      .then(function () {
        button.disabled = false;
      });
  }

  function enhance(root) {
    root.querySelectorAll("form[data-pd-form]").forEach(function (form) {
      form.noValidate = true;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-pd-form]")) return;
    event.preventDefault();
    submit(form);
  });
  // Blocks added in the theme editor arrive after this deferred script ran.
  document.addEventListener("shopify:section:load", function (event) {
    enhance(event.target);
  });
  enhance(document);
})();
