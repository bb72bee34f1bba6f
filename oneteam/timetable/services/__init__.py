"""Writes for the grid: versions (create, publish, restore), builds, adjustments, notices."""
