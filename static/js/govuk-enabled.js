// GOV.UK Frontend's "JavaScript is on" classes, set before the page is drawn (it must run first in <body>).
// A file rather than the usual inline snippet, so that the Content-Security-Policy can forbid inline scripts.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
