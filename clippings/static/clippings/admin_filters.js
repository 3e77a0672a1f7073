"use strict";
// A list filter's autocomplete (clippings/admin_filters.py) applies the record chosen at once.
// Select2 announces a choice with a jQuery event, which only jQuery's handlers receive.
window.addEventListener("load", function () {
  django.jQuery(document).on("change", "form.autocomplete-filter select", function () {
    this.form.submit();
  });
});
