"""Turn each section's page into a Jupyter notebook, execute it, and keep docs/notebooks/ current.

    python -m tools.notebooks                  # regenerate and execute the notebooks that changed
    python -m tools.notebooks --check          # write nothing; diff and exit 1 if one is stale
    python -m tools.notebooks event_loop       # only these sections
    python -m tools.notebooks --force          # execute every notebook again

A notebook is generated from the same sources as the page: the page's prose
becomes markdown cells (speaker notes and recorded ``Output`` blocks left out)
and each example on it becomes a code cell holding the whole module, with its
``asyncio.run(main())`` guard turned into a top-level ``await main()``. An
example that cannot run inside a kernel stays a link to its slide, with the
code as the page shows it.

``--check`` compares the cells' sources, not their outputs: outputs hold
timings, ports and kernel paths that differ on every run. It also insists that
the committed notebook was executed and holds no error.

The modules, in the order a notebook is made:

- ``pages``: the sections from mkdocs.yml's nav; a page cut into prose and example blocks.
- ``cells``: an example as one code cell, or why a kernel cannot run it.
- ``notebook``: the parts assembled into a notebook, with its introduction and /count server.
- ``execute``: running it on a fresh kernel, and what counts as a clean run.
- ``cli``: the command line: compare, diff, execute and write.
"""
