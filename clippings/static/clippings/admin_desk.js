// The clipping's admin page: select words in a paragraph, then "Quote selection" adds a quote
// row holding those words and naming that paragraph ("p7", or "new 1" for a paragraph added on
// the page). No inline script: the page's Content-Security-Policy allows none.
"use strict";
{
    const PARAGRAPHS = "paragraphs";
    const QUOTES = "quotes";

    function paragraphName(row) {
        const anchor = row.querySelector(".part-anchor");
        if (anchor) {
            return anchor.textContent.trim();
        }
        const label = row.querySelector(".inline_label");
        const number = label && label.textContent.match(/#(\d+)/);
        return number ? "new " + number[1] : "";
    }

    function say(row, message) {
        let note = row.querySelector(".quote-selection-note");
        if (!note) {
            note = document.createElement("p");
            note.className = "quote-selection-note help";
            note.setAttribute("role", "status");
            row.querySelector(".quote-selection").after(note);
        }
        note.textContent = message;
    }

    function quoteSelection(row) {
        const text = row.querySelector("textarea.paragraph-text");
        const words = text.value.slice(text.selectionStart, text.selectionEnd).trim();
        if (!words) {
            say(row, "Select the quoted words in the paragraph's text first.");
            return;
        }
        const addLink = document.querySelector("#" + QUOTES + "-group .add-row a");
        if (!addLink) {
            say(row, "Quotes cannot be added here.");
            return;
        }
        addLink.click();
        const rows = document.querySelectorAll(
            "#" + QUOTES + "-group .inline-related:not(.empty-form)"
        );
        const quote = rows[rows.length - 1];
        quote.querySelector("textarea[name$='-words']").value = words;
        const paragraph = quote.querySelector("input[name$='-paragraph']");
        paragraph.value = paragraphName(row);
        showParagraph(paragraph);
        say(row, "Added a quote of these words below: choose its speaker.");
        quote.scrollIntoView({block: "center"});
        quote.querySelector("textarea[name$='-words']").focus();
    }

    function addButton(row) {
        const text = row.querySelector("textarea.paragraph-text");
        if (!text || row.querySelector(".quote-selection")) {
            return;
        }
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button quote-selection";
        button.textContent = "Quote selection";
        button.addEventListener("click", () => quoteSelection(row));
        text.after(button);
    }

    // Beside each paragraph anchor typed ("p7"), the paragraph's first words, from the page's
    // list of anchors.
    function showParagraph(input) {
        let shown = input.nextElementSibling;
        if (!shown || !shown.classList.contains("paragraph-anchor-text")) {
            shown = document.createElement("span");
            shown.className = "paragraph-anchor-text";
            input.after(shown);
        }
        const anchor = input.value.trim().toLowerCase();
        const option = [...(input.list ? input.list.options : [])].find(
            (o) => o.value.toLowerCase() === anchor
        );
        shown.textContent = option ? option.textContent : "";
    }

    function init() {
        document.querySelectorAll(
            "#" + PARAGRAPHS + "-group .inline-related:not(.empty-form)"
        ).forEach(addButton);
        document.querySelectorAll("input.paragraph-anchor").forEach((input) => {
            if (!input.closest(".empty-form")) {
                showParagraph(input);
            }
        });
        document.addEventListener("input", (event) => {
            if (event.target.matches("input.paragraph-anchor")) {
                showParagraph(event.target);
            }
        });
        document.addEventListener("formset:added", (event) => {
            if (event.detail && event.detail.formsetName === PARAGRAPHS) {
                addButton(event.target);
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}
