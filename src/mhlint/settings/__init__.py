"""The settings layer: the Settings value, configuration files, and which
files a run lints."""
