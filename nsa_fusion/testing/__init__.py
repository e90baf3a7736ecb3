"""Test and benchmark support: the formulation corpus and the torchair-on-CPU loader."""
