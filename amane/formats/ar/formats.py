"""
Number formats for the Arabic interface, on top of Django's own for "ar".

Django's Arabic locale has no digit grouping, so a commune of 3,215,935 people reads
"3215935"; with its "." separator it would read as a decimal to many Moroccans. HCP's
Arabic publications group by thousands with a space, as French does: a no-break space,
so that a number never splits across lines. Dates keep Django's Arabic formats (Django
looks a name up here first, then in its own locale module), but for DATETIME_FORMAT,
which Django leaves unset for Arabic: day, month, year, then the time after an Arabic
comma.
"""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
DATETIME_FORMAT = "j F Y، H:i"
