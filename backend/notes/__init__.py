"""Notes: the sample JSON API of the SideEye backend (what ``apiCall`` is shown with)."""
