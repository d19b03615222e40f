"""Tooling that builds and checks the survey; none of it is shown on the pages."""
