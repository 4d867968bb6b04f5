"""Dialogs: member add/edit and detail, first-run wizard, Excel import."""
