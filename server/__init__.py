"""The local server: the built site, the /count demo endpoint, and (later) live runs."""
