// The storefront stand-in's toolbar: switching the logged-in customer or the visitor's region reloads the page.
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });
})();
