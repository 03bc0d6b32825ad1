"""
What happened to reports, announced once the transaction that did it has committed.

Notifications (the reporter's contact, an authority's inbox, association follow-ups) listen
here. They are sent through transaction.on_commit, so a listener never hears of a change
that was rolled back, and a slow listener never holds a database lock.
"""

from django.dispatch import Signal

# Sent with report=<Report>.
report_filed = Signal()
# Sent with report=<Report>, event=<ReportEvent>.
report_status_changed = Signal()
