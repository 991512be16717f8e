"""What the dashboard exports: the journeys CSV's rows (journeys.py), and every CSV and XLSX cell made safe to open
in a spreadsheet (safety.py)."""
