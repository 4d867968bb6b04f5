"""Sync bundles between branches and the office: keys, container format, export, import and merge, receipts."""
