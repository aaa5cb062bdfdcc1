"""Inlezen van bronbestanden (CSV, Excel, Parquet, iWmo XML) volgens het datacontract."""
