/*
 * On a phone, a list's filter form starts folded behind its "Filters" toggle (a <details>
 * element), so that the results are on the first screen; a form showing an error stays open.
 * On a wider screen the toggle is hidden and the form always open. Without this script the
 * form is open everywhere and the toggle still folds it.
 */
(function () {
  "use strict";

  const phone = window.matchMedia("(max-width: 40rem)");
  const folds = document.querySelectorAll("details.filters-fold");

  function fit(startingOut) {
    folds.forEach(function (fold) {
      if (!phone.matches) {
        fold.open = true;
      } else if (startingOut && !fold.hasAttribute("data-stay-open")) {
        fold.open = false;
      }
    });
  }

  fit(true);
  phone.addEventListener("change", function () {
    fit(false);
  });
})();
