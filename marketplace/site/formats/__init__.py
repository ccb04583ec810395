"""Tori's own date, time and number formats (FORMAT_MODULE_PATH).

Django's locale formats are a fallback: only what Finland writes differently is set here.
Finnish and Swedish follow Finnish municipal practice, 16.12.2026 klo 14.00 and
16.12.2026 kl. 14.00; English reads 16 Dec 2026, 14:00.
"""
