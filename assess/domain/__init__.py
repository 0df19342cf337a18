"""Pure domain: maturity models, assessments, scoring and comparison. No I/O, no clock."""
