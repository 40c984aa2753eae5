"""REST calls of the ConfigCat Public Management API, one module per entity: paths and bodies, no policy."""
