"""The outputs: formatters (one module per format) and the fixer."""
