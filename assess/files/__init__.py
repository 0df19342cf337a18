"""Reading and writing files: questionnaire YAML and assessment files."""
