// "Select all on this page" for the bulk actions bar in the admin lists.
document.addEventListener("change", (event) => {
  if (!event.target.matches("[data-bulk-select-all]")) return;
  document
    .querySelectorAll('input[name="id"][form="bulk-form"]')
    .forEach((box) => {
      box.checked = event.target.checked;
    });
});
