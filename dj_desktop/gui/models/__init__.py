"""Qt item models (model/view) over rows the services return."""
