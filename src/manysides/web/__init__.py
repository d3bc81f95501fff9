"""The web app: story list, story, article and entity pages plus a JSON API over the store."""
