"""Read a team's git checkouts, read only, and return what the model's detection rules find."""
