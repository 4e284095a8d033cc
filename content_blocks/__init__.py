"""StreamField blocks shared by the hub's articles, screencasts and booster pages."""
