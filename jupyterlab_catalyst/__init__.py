"""JupyterLab extension of the Catalyst programme: the labextension and its translations."""

try:
    from ._version import __version__
except ImportError:
    # _version.py is written by the build (hatch version hook); a bare checkout has none.
    import warnings

    warnings.warn("Importing 'jupyterlab_catalyst' outside a proper installation.", stacklevel=2)
    __version__ = "dev"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Where JupyterLab finds the prebuilt labextension in a development install."""
    return [{"src": "labextension", "dest": "jupyterlab-catalyst"}]
