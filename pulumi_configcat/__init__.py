"""Manage a ConfigCat account as code with Pulumi, in pure Python."""

from pulumi_configcat._version import __version__

__all__ = ["__version__"]
