# ERROR: Empty network
# A file of comments only declares no population: nothing to simulate.
