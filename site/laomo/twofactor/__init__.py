"""Optional two-factor login for the Wagtail admin: TOTP codes from an authenticator app, and one-time backup codes.

Built on django-otp (devices, TOTP maths, throttling); wagtail-2fa and wagtail-mfa do not support Wagtail 8.
A user who enrols at /admin/two-factor/ must type a code after every password login (middleware.py) before any
page of the site treats them as signed in; LAOMO_REQUIRE_2FA_FOR_SUPERUSERS makes enrolment compulsory for
superusers.
"""
