"""The rules layer: the rule schema, loading rule files, selection, the
RuleSet a run applies, and rule documentation."""
