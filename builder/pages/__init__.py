"""Generated pages. Each module turns part of the catalog into Markdown documents for the site."""
