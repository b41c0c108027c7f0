"""Jupyter server settings of `./course.sh lab` (passed with --config): a Content-Security-Policy.

formgrader's pages (its submission view among them) carry inline scripts of their own with
per-page values (`var submission_id = "..."`), so no fixed header can forbid inline script
without breaking formgrader; autograder/sanitize.py removes student scripts from what it renders.
This policy is the second line: no script, style or font from another site (MathJax's CDN
aside), no request, image or frame to another site (nowhere to send what a script could read),
no plugin, no <base> or form that points elsewhere, no framing by another site.
"""

CDN = "https://cdnjs.cloudflare.com"  # MathJax and require.js of nbconvert's templates (formgrader, feedback)
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    f"script-src 'self' 'unsafe-inline' 'unsafe-eval' {CDN}",
    f"style-src 'self' 'unsafe-inline' {CDN}",
    f"font-src 'self' data: {CDN}",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-src 'self' blob: data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])

c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file
c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}}
