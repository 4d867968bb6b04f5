"""Domain core: models, rules and services. Imports no Qt."""
