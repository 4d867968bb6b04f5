"""Writers and readers of printed and exchanged documents (PDF, Excel). No Qt."""
