"""The use cases and their rules, once, for both front ends; and the one live-data engine."""
