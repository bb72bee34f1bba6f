"""The live brokers: `base` (the interface and what both backends share), `memory`, `redis`,
and `factory` (the process's broker, picked from the settings). Import from the modules."""
