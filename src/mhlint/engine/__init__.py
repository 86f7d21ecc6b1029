"""The engine: documents through the rule set to diagnostics, then
suppressions; and the Report every output reads."""
