// Loaded first by the landing test page (a file, as its strict CSP allows no
// inline script): keeps every Content-Security-Policy violation for the test.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
});
