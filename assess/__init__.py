"""assess: DevOps and MLOps maturity assessments."""

__version__ = "0.1.0"
