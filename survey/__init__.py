"""What every consumer of an example needs: where things are, the catalog, launching an
example cold or warm, reading its output lines, the recording format, the /count server.

The runner (``tools``), the live-run server (``server``), the notebooks, the tests and
the benchmarks all build on this package; it imports none of them.
"""
