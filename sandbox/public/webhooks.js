// The webhook console: loads Shopify's payload for the chosen topic and customer, lets you edit it,
// and has the sandbox sign and deliver it, then shows the app's HTTP answer.
(function () {
  "use strict";
  var form = document.getElementById("sbx-webhook");
  var answer = document.getElementById("sbx-answer");
  var button = form.querySelector("button[type=submit]");
  var idle = button.textContent;

  function loadPayload() {
    var query = new URLSearchParams({ topic: form.elements.topic.value, customer: form.elements.customer.value });
    // Compliance (customers/...) and consent (customers_..._consent/update) topics concern one customer.
    form.elements.customer.disabled = form.elements.topic.value.indexOf("customers") !== 0;
    fetch("/sandbox/webhooks/payload?" + query)
      .then(function (response) {
        return response.text();
      })
      .then(function (text) {
        form.elements.payload.value = text;
      });
  }

  function show(result) {
    answer.textContent = "";
    var status = document.createElement("span");
    status.className = "sbx-status " + (result.status >= 200 && result.status < 300 ? "sbx-status--ok" : "sbx-status--error");
    status.textContent = "HTTP " + result.status + " " + (result.statusText || "");
    status.setAttribute("data-status", String(result.status));
    answer.appendChild(status);
    var lines = [
      "",
      "POST " + result.request.url + "  (" + result.milliseconds + " ms)",
      "",
      Object.keys(result.request.headers)
        .map(function (name) {
          return name + ": " + result.request.headers[name];
        })
        .join("\n"),
      "",
      "← " + Object.keys(result.headers)
        .map(function (name) {
          return name + ": " + result.headers[name];
        })
        .join("\n← "),
      "",
      result.body || "(empty body)",
    ];
    answer.appendChild(document.createTextNode(lines.join("\n")));
  }

  form.elements.topic.addEventListener("change", loadPayload);
  form.elements.customer.addEventListener("change", loadPayload);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    button.textContent = button.getAttribute("data-sending");
    fetch("/sandbox/webhooks/send", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ topic: form.elements.topic.value, payload: form.elements.payload.value }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (result) {
        if (result.error) answer.textContent = result.error;
        else show(result);
      })
      .catch(function (error) {
        answer.textContent = String(error);
      })
      .finally(function () {
        button.disabled = false;
        button.textContent = idle;
      });
  });
  loadPayload();
})();
