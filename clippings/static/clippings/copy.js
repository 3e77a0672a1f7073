/*
 * A "Copy" button for text a reader pastes elsewhere (a quote's ready-to-paste citation).
 * Each <button data-copies="ID" data-status="STATUS-ID" hidden> is shown where the browser
 * can write to the clipboard, and copies the text of the element ID, then says so in the
 * element STATUS-ID (a role="status" region). Without this script the button stays hidden
 * and the text is there to select and copy by hand.
 */
(function () {
  "use strict";

  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    return;
  }

  document.querySelectorAll("button[data-copies]").forEach(function (button) {
    const source = document.getElementById(button.dataset.copies);
    const status = document.getElementById(button.dataset.status);
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      const text = source.textContent.trim();
      navigator.clipboard.writeText(text).then(
        function () {
          if (status) status.textContent = "Copied.";
        },
        function () {
          if (status) status.textContent = "Could not copy: select the text and copy it.";
        }
      );
    });
  });
})();
