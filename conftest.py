"""pytest configuration shared by the unit tests and ``pytest --nbval notebooks/``."""

# Plotly figures are JSON with generated ids and float noise that nbval cannot
# sanitize: they are not compared. Each figure cell also prints a text summary
# (diplolib.plots.show) which nbval does compare. stderr carries progress bars.
NBVAL_SKIP = ("application/vnd.plotly.v1+json", "stderr")


def pytest_collectstart(collector):
    """Tell nbval which output types not to compare (documented nbval hook)."""
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += NBVAL_SKIP
