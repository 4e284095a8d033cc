"""Settings every block module shares."""

# Block picker previews use the hub's block styles (see templates/blocks/preview.html).
PREVIEW_TEMPLATE = "blocks/preview.html"
