"""支部台账 (dj_desktop): offline record books for Party branch secretaries."""

__version__ = "0.1.0"
