"""Synthetic demo region (Eemland) with injected irregularities and their ground truth.

Entry point: `pipelines.demo.generate_region.genereer_regio`.
"""
