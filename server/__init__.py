"""The local server a presenter starts: the built site, /count, and live runs of the examples."""
