"""Signaalmonitor Wmo: ingest, SQL-pipelines, scoring en exports."""

__version__ = "0.1.0"
