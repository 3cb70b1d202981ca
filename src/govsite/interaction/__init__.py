"""Public interaction (互动交流): letters, disclosure requests, consultations, surveys, interviews.

Each kind is its own Django app under this package; the modules here are what they share: the public
form guard (CAPTCHA, rate limits), query codes, attachment checks and the admin's 互动交流 menu.
"""
