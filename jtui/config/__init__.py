"""Profiles, secrets and safe files. Never imports Textual."""
