"""Intake: reading the LMS's ZIPs and folders safely, who handed in each file, the submitted notebooks (never run),
other uploads, the roster, CSV tables."""
