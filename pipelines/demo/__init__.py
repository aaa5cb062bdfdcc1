"""Synthetic demo region (Eemland) with injected irregularities and their ground truth.

Entry point: `pipelines.demo.generate_region.genereer_regio`; the region's parts are one
module each (see its docstring), the injected schemes one module each in `schemas/`,
registered in `injected_schemes.py`.
"""
