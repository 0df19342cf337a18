"""Turning scorecards into things people read: terminal tables, JSON, HTML, PDF, Markdown."""
