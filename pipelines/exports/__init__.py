"""Exports in the data contract's formats and the CM-gesprek documents."""
