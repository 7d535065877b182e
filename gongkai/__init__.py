"""Gongkai (公开): a platform on which a government publishes its information as the law requires."""

__version__ = "0.1.0"
