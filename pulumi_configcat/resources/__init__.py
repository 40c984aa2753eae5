"""One module per entity: its dynamic provider and its resource class, side by side."""
