/*
 * Names suggested as a reader types into a filter (the speaker, source, tag or clipping of a
 * public list). Each <input data-suggest="/suggest/<kind>/"> becomes an ARIA 1.2 combobox
 * with a listbox of at most ten names fetched from that address: Down and Up move through
 * them, Enter or a click picks one, Escape closes the list. Picking a name only fills the
 * field; the form is sent as before. Without this script the field is a plain search field
 * whose text the server matches.
 */
(function () {
  "use strict";

  const DELAY_MS = 150;

  function enhance(input) {
    const listbox = document.createElement("ul");
    listbox.id = input.id + "-suggestions";
    listbox.className = "suggestions-list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Suggestions");
    listbox.hidden = true;
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    input.after(listbox, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    let options = [];
    let active = -1;
    let timer = null;
    let pending = null;

    function setActive(index) {
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function show(results) {
      listbox.replaceChildren();
      options = results.map((result, index) => {
        const option = document.createElement("li");
        option.id = listbox.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.name;
        option.dataset.value = result.name;
        listbox.append(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (options.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent =
          options.length + (options.length === 1 ? " suggestion" : " suggestions") +
          ": use the down arrow to choose.";
      } else {
        close();
        status.textContent = "No suggestions.";
      }
    }

    function pick(option) {
      input.value = option.dataset.value;
      close();
      status.textContent = "";
    }

    async function suggest() {
      const text = input.value.trim();
      if (pending) {
        pending.abort();
      }
      if (!text) {
        close();
        return;
      }
      pending = new AbortController();
      const url = new URL(input.dataset.suggest, window.location.href);
      url.searchParams.set("q", text);
      try {
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          signal: pending.signal,
        });
        if (!response.ok) {
          close();
          return;
        }
        const data = await response.json();
        if (input.value.trim() === text && document.activeElement === input) {
          show(data.results);
        }
      } catch (error) {
        if (error.name !== "AbortError") {
          close();
        }
      }
    }

    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, DELAY_MS);
    });
    input.addEventListener("keydown", (event) => {
      const open = !listbox.hidden;
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        if (!open) {
          listbox.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        setActive((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault(); // pick the name; a second Enter sends the form
        pick(options[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
    // Pressing on a suggestion must not take the focus from the field before the click.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) {
        pick(option);
        input.focus();
      }
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
